// Runs every test suite of Tandem and prints their total as the last line:
//   tests: N passed, M failed
// Suites: unit (vitest), end-to-end (vitest + playwright-core driving Chromium with the built
// extension), firefox (vitest + puppeteer-core driving Firefox ESR over WebDriver BiDi with the
// Firefox build; its manifest, Mozilla's addons-linter and the store zips), sidecar (vitest: the
// sync server on SQLite and PostgreSQL) and integration (vitest: two sync clients against a real
// sidecar process). Each suite's counts come from its JSON report; a suite that crashes before
// reporting counts as one failure, so a broken run can never look green.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

function run(command, args) {
  console.error(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', shell: false }).status ?? 1;
}

const builds = {
  // Chromium: Chrome and Edge load the same build.
  chromium: run('npx', ['wxt', 'build']),
  firefox: run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3']),
};

const suites = [
  { name: 'unit', config: 'vitest.config.ts' },
  { name: 'e2e', config: 'vitest.e2e.config.ts', needsBuild: 'chromium' },
  // Firefox ESR (Debian's firefox-esr, or FIREFOX_PATH); a missing Firefox fails the suite.
  { name: 'firefox', config: 'vitest.firefox.config.ts', needsBuild: 'firefox' },
  // The sync sidecar (the @tandem/sidecar workspace, by its own config); its PostgreSQL tests
  // start their own throwaway cluster.
  { name: 'sidecar', config: 'sidecar/vitest.config.ts' },
  // Two sync clients against a real sidecar process, killed and restarted mid-push.
  { name: 'integration', config: 'vitest.integration.config.ts' },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  // Absolute: vitest writes the report relative to the config's root, and the sidecar's is
  // sidecar/.
  const report = resolve(resultsDir, `${suite.name}.json`);
  if (suite.needsBuild && builds[suite.needsBuild] !== 0) {
    console.error(
      `${suite.name}: the ${suite.needsBuild} build failed; counting the suite as failed.`,
    );
    failed += 1;
    continue;
  }
  const status = run('npx', [
    'vitest',
    'run',
    '-c',
    suite.config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) {
    console.error(`${suite.name}: no report (exit ${status}); counting the suite as failed.`);
    failed += 1;
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  // A test file that failed to load has no test results of its own: count it as one failure.
  const brokenFiles = (result.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  const suiteFailed = result.numFailedTests + brokenFiles;
  passed += result.numPassedTests;
  failed += suiteFailed;
  // Skipped or todo tests are defects here: a browser test must never skip.
  const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  if (skipped > 0) {
    console.error(`${suite.name}: ${skipped} skipped test(s) count as failed.`);
    failed += skipped;
  }
  if (status !== 0 && suiteFailed === 0) {
    console.error(`${suite.name}: vitest exited with ${status}; counting one failure.`);
    failed += 1;
  }
  console.error(`${suite.name}: ${result.numPassedTests} passed, ${suiteFailed} failed`);
}

const line = `tests: ${passed} passed, ${failed} failed`;
writeFileSync(join(resultsDir, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
