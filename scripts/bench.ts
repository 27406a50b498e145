// `npm run bench` — Tandem's benchmark: what the side panel costs to download and to show.
//
//   node --import tsx scripts/bench.ts [--runs N] [--no-build] [--only history|panel] [--quick]
//
// 1. builds the extension (`npx wxt build`, unless --no-build);
// 2. measures the JavaScript and CSS the side panel page loads, and the background script
//    (raw and gzip -9 bytes; scripts/bench/sizes.ts);
// 3. loads a temporary copy of .output/chrome-mv3 (plus a blank.html baseline page) into
//    headless Chromium with a fresh profile, seeds a realistic database
//    (scripts/bench/panel-seed.ts), and times, alternating, N loads of the panel up to the
//    `tandem:goals-shown` mark (components/goals.tsx) against N loads of the blank page
//    (scripts/bench/panel-load.ts);
// 4. measures the content script on a heavy calendar page (scripts/bench/content-script.ts);
// 5. in a second fresh profile seeded with five years of weekly sessions for five pairs
//    (scripts/bench/history-seed.ts: ~1,300 sessions, 10,000 notes), times the History tab up
//    to the `tandem:history-shown` mark (against blank page loads), and the search per
//    keystroke (the `tandem:search` measures, against a raw IndexedDB get in the same page;
//    scripts/bench/history.ts, scripts/bench/search.ts);
// 6. measures the sidecar (scripts/bench-sidecar.ts, in a child process).
//
// --quick checks that the benchmark still runs, not what it measures: 3 runs (unless --runs
// says otherwise) and the sidecar's benchmark at its smallest; its figures are not comparable.
//
// Prints ONE JSON object on stdout (progress goes to stderr) and writes it to .bench/latest.json
// (.bench/history.json with --only history, .bench/quick.json with --quick).
// Exit code 1 on any failure; temporary folders and the browser are always cleaned up.
//
// Later issues add figures here: write a named `measure…` function in scripts/bench/ and put
// its result into the report built in main() (keep stdout to the one JSON object).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import {
  chromiumPath,
  type ExtensionBrowser,
  launchWithExtension,
  prepareExtensionCopy,
} from './bench/browser.ts';
import { measureContentScriptCost } from './bench/content-script.ts';
import { measureHistoryAndSearch } from './bench/history.ts';
import { measureLoad } from './bench/panel-load.ts';
import { seedPanelDatabase } from './bench/panel-seed.ts';
import { measureSizes } from './bench/sizes.ts';
import { describeTargets, type Target, targetsOf } from './bench/targets.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUTPUT_DIR = join(ROOT, '.output/chrome-mv3');
const REPORT_FILE = join(ROOT, '.bench/latest.json');
/** The sidecar benchmark at its smallest, for --quick. */
const QUICK_SIDECAR_ARGS = [
  '--reps',
  '1',
  '--seconds',
  '1',
  '--warmup',
  '0',
  '--spaces',
  '20',
  '--clients',
  '5',
];
const USAGE =
  'usage: node --import tsx scripts/bench.ts [--runs N] [--no-build] [--only history|panel] [--quick]';

const log = (...args: unknown[]) => console.error('[bench]', ...args);

/* ---------- options ---------- */

interface Options {
  runs: number;
  build: boolean;
  only: 'history' | 'panel' | null;
  quick: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 15, build: true, only: null, quick: false };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--no-build') options.build = false;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value !== 'history' && value !== 'panel')
        throw new Error(
          `--only knows 'history' (history and search) and 'panel' (sizes and the panel's load), got ${value}`,
        );
      options.only = value;
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1)
        throw new Error(`--runs needs a positive integer, got ${value}`);
      options.runs = runs;
      runsGiven = true;
    } else if (arg === '--help' || arg === '-h') {
      console.error(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (${USAGE})`);
  }
  if (options.quick && !runsGiven) options.runs = 3;
  return options;
}

/* ---------- build ---------- */

function buildExtension(): void {
  log('building the extension (npx wxt build)…');
  // The build's own output goes to stderr: stdout is reserved for the JSON report.
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.error) throw new Error(`npx wxt build could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`npx wxt build failed (exit code ${result.status ?? result.signal})`);
}

/* ---------- sidecar ---------- */

/**
 * The sidecar's throughput and latency (issue 6): scripts/bench-sidecar.ts in a child process
 * (it starts and removes its own servers and PostgreSQL cluster); its progress goes to our
 * stderr, its one JSON object comes back on its stdout; `args` are its options. `track` learns the child, so a signal
 * can stop it (it cleans up after itself on SIGTERM).
 */
function measureSidecar(
  args: string[],
  track: (child: ChildProcess | undefined) => void,
): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench-sidecar.ts', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    track(child);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', (error) => {
      track(undefined);
      reject(new Error(`the sidecar benchmark could not start: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      track(undefined);
      if (code !== 0) {
        reject(new Error(`the sidecar benchmark failed (exit code ${code ?? signal})`));
        return;
      }
      try {
        resolvePromise(JSON.parse(output));
      } catch {
        reject(new Error(`the sidecar benchmark printed no JSON: ${output.slice(0, 300)}`));
      }
    });
  });
}

/* ---------- main ---------- */

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  chromiumPath(); // fail before building when there is no browser
  if (options.build) buildExtension();
  if (!existsSync(join(OUTPUT_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${OUTPUT_DIR}: run without --no-build (or npx wxt build) first.`,
    );
  }

  const tempDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  let browser: ExtensionBrowser | undefined;
  let sidecarBench: ChildProcess | undefined;
  const cleanUp = async () => {
    const b = browser;
    browser = undefined;
    if (b)
      await b.context
        .close()
        .catch((error: Error) => log(`closing the browser failed: ${error.message}`));
    const child = sidecarBench;
    sidecarBench = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      // It stops its servers and PostgreSQL and removes its temp dirs before exiting.
      const exited = new Promise((done) => child.once('close', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(tempDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(1));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  async function historySection(extensionDir: string) {
    log('measuring history and search on five years of sessions (second profile)…');
    browser = await launchWithExtension(extensionDir, join(tempDir, 'history-profile'));
    const version = browser.version;
    const measured = await measureHistoryAndSearch(browser, {
      rootDir: ROOT,
      tempDir,
      runs: Math.max(5, Math.ceil(options.runs / 3)),
      log,
    });
    await browser.context.close();
    browser = undefined;
    return { ...measured, version };
  }

  async function panelSection(extensionDir: string) {
    log('measuring sizes…');
    const size = measureSizes(OUTPUT_DIR);
    log('launching Chromium…');
    browser = await launchWithExtension(extensionDir, join(tempDir, 'profile'));
    const version = browser.version;
    log(`Chromium ${version}, extension ${browser.extensionId}`);
    const seeded = await seedPanelDatabase(browser, { rootDir: ROOT, tempDir, log });
    log(`timing ${options.runs} runs…`);
    const load = await measureLoad(
      browser,
      options.runs,
      seeded.currentPair.goals,
      OUTPUT_DIR,
      log,
    );
    await browser.context.close();
    browser = undefined;
    return { size, panelLoad: { seeded, ...load }, version };
  }

  try {
    const extensionDir = prepareExtensionCopy(OUTPUT_DIR, tempDir);
    let report: Record<string, unknown>;
    if (options.only === 'history') {
      // Only the history and search section (a quicker loop while working on them).
      const { history, search, version } = await historySection(extensionDir);
      report = {
        date: new Date().toISOString(),
        chromium: version,
        only: 'history',
        history,
        search,
      };
    } else if (options.only === 'panel') {
      // Only the sizes and the panel's load (a quicker loop while working on them).
      const { size, panelLoad, version } = await panelSection(extensionDir);
      report = {
        date: new Date().toISOString(),
        chromium: version,
        runs: options.runs,
        only: 'panel',
        size,
        panelLoad,
      };
    } else {
      const { size, panelLoad, version } = await panelSection(extensionDir);
      log('measuring the content script on a heavy calendar page…');
      const contentScript = await measureContentScriptCost({
        extensionDir,
        fixturesDir: join(ROOT, 'tests/fixtures/hosts'),
        tempDir,
        runs: Math.max(3, Math.ceil(options.runs / 3)),
        log,
      });
      const { history, search } = await historySection(extensionDir);
      log('measuring the sidecar (scripts/bench-sidecar.ts)…');
      const sidecar = await measureSidecar(options.quick ? QUICK_SIDECAR_ARGS : [], (child) => {
        sidecarBench = child;
      });

      // Later issues: add new figures to this object (and a named function that measures them).
      report = {
        date: new Date().toISOString(),
        chromium: version,
        runs: options.runs,
        ...(options.quick ? { quick: true } : {}),
        size,
        panelLoad,
        contentScript,
        history,
        search,
        sidecar,
      };
    }
    report.targets = targetsOf(report);
    const json = JSON.stringify(report, null, 2);
    // A quick run's figures are not comparable: they never replace the last full report.
    const name = options.only ?? (options.quick ? 'quick' : undefined);
    const file = name ? join(ROOT, `.bench/${name}.json`) : REPORT_FILE;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${json}\n`);
    process.stdout.write(`${json}\n`);
    log(`written to ${relative(ROOT, file)}`);
    for (const line of describeTargets(report.targets as Target[])) log(line);
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${(error as Error | undefined)?.stack ?? error}`);
  process.exitCode = 1;
});
