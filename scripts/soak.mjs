// Runs the browser suites (Chromium end-to-end, Firefox) several times in a row while a CPU
// burner keeps every core busy, and prints each run's tally: a test that passes only on a quiet
// machine fails here.
//
//   npm run test:soak                 # 5 runs, one burner per core
//   npm run test:soak -- --runs 3 --burners 4 --suite e2e
//
// The last line is `soak: R runs, N passed, M failed`; the exit code is 0 only when nothing
// failed. Reports are kept in .test-results/soak/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    burners: { type: 'string', default: String(availableParallelism()) },
    suite: { type: 'string', multiple: true, default: ['e2e', 'firefox'] },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const burnerCount = Number(values.burners);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1`);
if (!Number.isInteger(burnerCount) || burnerCount < 0) {
  throw new Error(`--burners must be a whole number ≥ 0`);
}
const configs = { e2e: 'vitest.e2e.config.ts', firefox: 'vitest.firefox.config.ts' };
for (const suite of values.suite) {
  if (!(suite in configs)) throw new Error(`unknown suite ${suite}: use e2e or firefox`);
}

const dir = join('.test-results', 'soak');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

function run(command, args) {
  console.error(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
}

if (!values['no-build']) {
  if (run('npx', ['wxt', 'build']) !== 0) process.exit(1);
  if (run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3']) !== 0) process.exit(1);
}

// One busy loop per core, at normal priority: the browsers and the tests compete with them.
const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopBurners = () => {
  for (const burner of burners) burner.kill('SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}

const tallies = [];
for (let i = 1; i <= runs; i += 1) {
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  const load = loadavg()[0].toFixed(1);
  const failures = [];
  for (const suite of values.suite) {
    const report = join(dir, `run-${i}-${suite}.json`);
    const status = run('npx', [
      'vitest',
      'run',
      '-c',
      configs[suite],
      '--reporter=dot',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]);
    if (!existsSync(report)) {
      failed += 1;
      failures.push(`${suite}: no report (exit ${status})`);
      continue;
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    const broken = (result.testResults ?? []).filter(
      (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
    );
    failed += result.numFailedTests + broken.length + skipped;
    for (const file of result.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (test.status === 'failed') failures.push(`${suite}: ${test.fullName}`);
      }
    }
    for (const file of broken) failures.push(`${suite}: ${file.name} did not load`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const line = `run ${i}: ${passed} passed, ${failed} failed (${seconds} s, load ${load} at start)`;
  tallies.push({ run: i, passed, failed, seconds, load: Number(load), failures });
  console.error(`\n${line}`);
  for (const failure of failures) console.error(`  failed: ${failure}`);
}
stopBurners();

writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(tallies, null, 2)}\n`);
for (const t of tallies) {
  console.log(`run ${t.run}: ${t.passed} passed, ${t.failed} failed (${t.seconds} s)`);
}
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
console.log(`soak: ${runs} runs, ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
