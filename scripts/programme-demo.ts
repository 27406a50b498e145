// A demo mentoring programme, for a coordinator to try in a minute:
//   npm run programme:demo            (PROGRAMME_DEMO_PORT, default 8790)
// Starts a sidecar (SQLite in a temporary folder, removed on exit) with one programme and 12
// synthetic pairs whose reports the extension's own code computed and signed, then prints the
// dashboard's address and the operator token to sign in with. Ctrl-C stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAIRS, startDemo } from './programme-demo/demo';

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-programme-demo-'));
const port = Number(process.env.PROGRAMME_DEMO_PORT ?? 8790);
const demo = await startDemo({ dataDir, port }).catch((error: Error) => {
  rmSync(dataDir, { recursive: true, force: true });
  console.error(`The demo did not start: ${error.message}`);
  process.exit(1);
});

console.log(`
Tandem programme demo: "${demo.programme.name}", ${PAIRS} pairs, reports for the months so far.

  Dashboard:       ${demo.dashboard}
  Operator token:  ${demo.operatorToken}

  Enrolment code (paste it in Tandem's options page, under Programmes, to join as a pair):
  ${demo.enrolmentCode}

Figures from fewer than ${demo.programme.minGroupSize} pairs show as "too few pairs to show".
Ctrl-C stops the demo and deletes its data.
`);

const stop = async () => {
  await demo.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
