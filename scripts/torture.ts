// Kills the sidecar (SIGKILL) in the middle of pushes, again and again, and checks that sync
// loses nothing and applies nothing twice:  npm run torture [-- --rounds 1000 --seed 1]
//
// Two sync clients (Node, each on its own fake-indexeddb databases) share a pair through a real
// sidecar process on a random port with a temporary SQLite data directory. Each round both
// edit, both push, the sidecar is killed as a push leaves (or a few ms later), now and then a
// client "restarts" (losing the batch it had in memory), the sidecar restarts, and both sync
// until settled. At the end: every acknowledged mutation is in the log under its seq, no
// (device, mutation id) and no ciphertext is stored twice, every record written exists in both
// browsers, and both hold identical shared tables. Exit code 1 if any check fails.
import 'fake-indexeddb/auto';
import { startSidecar, torture } from '../tests/integration/harness';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`);
  return value;
}

const rounds = option('rounds', 1000);
const seed = option('seed', Date.now() % 1_000_000);
const sidecar = await startSidecar();
console.error(`torture: ${rounds} rounds, seed ${seed}, sidecar ${sidecar.url}`);
const roundTimes: number[] = [];
try {
  const summary = await torture({
    sidecar,
    rounds,
    seed,
    onRound(round, { ms }) {
      roundTimes.push(ms);
      if (round % 50 === 0 || round === rounds) console.error(`  round ${round}/${rounds}`);
    },
  });
  const sorted = [...roundTimes].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const ok =
    summary.lostAcknowledged === 0 &&
    summary.lostRecords === 0 &&
    summary.duplicateMutationIds === 0 &&
    summary.duplicateCiphertexts === 0 &&
    summary.identical;
  console.log(
    [
      `torture: ${ok ? 'PASS' : 'FAIL'} — ${summary.rounds} rounds, seed ${seed}, ${(summary.ms / 1000).toFixed(1)} s`,
      `  edits made                         ${summary.edits}`,
      `  push requests answered             ${summary.pushesAnswered}`,
      `  mutations acknowledged             ${summary.mutationsAcknowledged}`,
      `  mutations cut off by a kill        ${summary.mutationsUnanswered}`,
      `    of which stored before the kill  ${summary.storedWithoutAnswer} (resent, stored once)`,
      `  log entries                        ${summary.logEntries}`,
      `  acknowledged but lost              ${summary.lostAcknowledged}`,
      `  records missing in a browser       ${summary.lostRecords}`,
      `  (device, mutation id) stored twice ${summary.duplicateMutationIds}`,
      `  ciphertext stored twice            ${summary.duplicateCiphertexts}`,
      `  both browsers identical            ${summary.identical ? 'yes' : 'NO'}`,
      `  round (edit, push+kill, restart, settle): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
    ].join('\n'),
  );
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.error('torture: crashed', error, sidecar.output());
  process.exitCode = 1;
} finally {
  await sidecar.dispose();
}
