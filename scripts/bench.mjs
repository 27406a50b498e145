// `npm run bench` — Tandem's benchmark: what the side panel costs to download and to show.
//
//   node scripts/bench.mjs [--runs N] [--no-build]
//
// 1. builds the extension (`npx wxt build`, unless --no-build);
// 2. measures the JavaScript and CSS the side panel page loads, and the background script
//    (raw and gzip -9 bytes);
// 3. loads a temporary copy of .output/chrome-mv3 (plus a blank.html baseline page) into
//    headless Chromium with a fresh profile, seeds a realistic database (scripts/bench-seed.mjs),
//    and times, alternating, N loads of the panel up to the `tandem:goals-shown` mark
//    (components/goals.tsx) against N loads of the blank page;
// 4. measures the content script on a heavy calendar page (scripts/bench-content-script.mjs);
// 5. in a second fresh profile seeded with five years of weekly sessions for five pairs
//    (scripts/bench-history.mjs: ~1,300 sessions, 10,000 notes), times the History tab up to
//    the `tandem:history-shown` mark (against blank page loads), and the search per keystroke
//    (the `tandem:search` measures, against a raw IndexedDB get in the same page).
//
// Prints ONE JSON object on stdout (progress goes to stderr) and writes it to .bench/latest.json.
// Exit code 1 on any failure; temporary folders and the browser are always cleaned up.
//
// Later issues add figures here: write a named `measure…` function and put its result into
// the report built in main() (keep stdout to the one JSON object).

import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { measureContentScriptCost } from './bench-content-script.mjs';
import { measureSearch, seedHistoryProfile, timeHistory } from './bench-history.mjs';
import { describePage, watchErrors } from './bench-page.mjs';
import { loadProjectSchemas, seedRecords, seedSummary, validateSeed } from './bench-seed.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUTPUT_DIR = join(ROOT, '.output/chrome-mv3');
const REPORT_FILE = join(ROOT, '.bench/latest.json');
const BLANK_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';
const GOALS_MARK = 'tandem:goals-shown';
const PAGE_TIMEOUT = 30_000;

const log = (...args) => console.error('[bench]', ...args);

/* ---------- options ---------- */

function parseArgs(argv) {
  const options = { runs: 15, build: true, only: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value !== 'history')
        throw new Error(`--only knows 'history' (history and search), got ${value}`);
      options.only = value;
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1)
        throw new Error(`--runs needs a positive integer, got ${value}`);
      options.runs = runs;
    } else if (arg === '--help' || arg === '-h') {
      console.error('usage: node scripts/bench.mjs [--runs N] [--no-build] [--only history]');
      process.exit(0);
    } else
      throw new Error(
        `Unknown argument ${arg} (usage: node scripts/bench.mjs [--runs N] [--no-build] [--only history])`,
      );
  }
  return options;
}

/** The system Chromium (Debian's package) or CHROMIUM_PATH, as tests/e2e/fixtures.ts. */
function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/* ---------- build ---------- */

function buildExtension() {
  log('building the extension (npx wxt build)…');
  // The build's own output goes to stderr: stdout is reserved for the JSON report.
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.error) throw new Error(`npx wxt build could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`npx wxt build failed (exit code ${result.status ?? result.signal})`);
}

/* ---------- sizes ---------- */

function sizeOf(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.map((f) => relative(OUTPUT_DIR, f).split('\\').join('/')) };
}

/** Attributes of every `<tag …>` in an HTML text (enough for Vite's generated pages). */
function htmlTags(html, tag) {
  const tags = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs = {};
    for (const a of match[1].matchAll(
      /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
    )) {
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    tags.push(attrs);
  }
  return tags;
}

/** A URL of the extension (absolute "/x" or relative to `fromFile`) as a file of OUTPUT_DIR. */
function outputFile(url, fromFile) {
  if (/^[a-z][\w+.-]*:/i.test(url) || url.startsWith('//')) return undefined; // not ours
  const clean = url.split(/[?#]/)[0];
  const path = clean.startsWith('/')
    ? join(OUTPUT_DIR, clean)
    : join(dirname(fromFile), ...posix.normalize(clean).split('/'));
  if (!existsSync(path))
    throw new Error(
      `${relative(OUTPUT_DIR, fromFile)} refers to ${url}, which is not in the build`,
    );
  return path;
}

/**
 * The chunks a module imports statically. Rollup puts them first in the file
 * (`import{a as b}from"./x.js";import"./y.js";export{…}from"./z.js"`), so only the leading
 * statements are read; dynamic import() is left out (loaded later, if ever).
 */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const statement =
    /\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*(?:import|export)\s*(?:[^"';()]*?\s*from\s*)?["']([^"']+)["']\s*;?/y;
  const specs = [];
  let match = statement.exec(code);
  while (match) {
    specs.push(match[1]);
    match = statement.exec(code);
  }
  return specs.map((spec) => outputFile(spec, file)).filter(Boolean);
}

/** The side panel's JavaScript (scripts, modulepreloads and their static imports) and CSS. */
function measureSizes() {
  const htmlFile = join(OUTPUT_DIR, 'sidepanel.html');
  const html = readFileSync(htmlFile, 'utf8');
  const entries = [
    ...htmlTags(html, 'script')
      .filter((a) => a.src)
      .map((a) => a.src),
    ...htmlTags(html, 'link')
      .filter((a) => a.href && a.rel?.toLowerCase().split(/\s+/).includes('modulepreload'))
      .map((a) => a.href),
  ];
  const styles = htmlTags(html, 'link')
    .filter((a) => a.href && a.rel?.toLowerCase().split(/\s+/).includes('stylesheet'))
    .map((a) => outputFile(a.href, htmlFile))
    .filter(Boolean);
  const js = new Set();
  const queue = entries.map((src) => outputFile(src, htmlFile)).filter(Boolean);
  while (queue.length > 0) {
    const file = queue.shift();
    if (js.has(file)) continue;
    js.add(file);
    queue.push(...staticImports(file));
  }
  if (js.size === 0) throw new Error('sidepanel.html loads no script: is the build complete?');
  const background = join(OUTPUT_DIR, 'background.js');
  if (!existsSync(background)) throw new Error('No background.js in the build');
  // Each content script (read-<host>.js) on its own: they run on the host pages, with a
  // budget of 4 KB gzip each.
  const contentScripts = Object.fromEntries(
    readdirSync(OUTPUT_DIR)
      .filter((name) => /^read-.+\.js$/.test(name))
      .sort()
      .map((name) => {
        const { raw, gzip } = sizeOf([join(OUTPUT_DIR, name)]);
        return [name.replace(/^read-|\.js$/g, ''), { raw, gzip }];
      }),
  );
  if (Object.keys(contentScripts).length === 0) throw new Error('No content scripts in the build');
  return {
    panelJs: sizeOf([...js]),
    panelCss: sizeOf(styles),
    backgroundJs: sizeOf([background]),
    contentScripts,
  };
}

/* ---------- browser ---------- */

/** A copy of the build with blank.html added, so the extension under test is never touched. */
function prepareExtensionCopy(tempDir) {
  const dir = join(tempDir, 'extension');
  cpSync(OUTPUT_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'blank.html'), BLANK_HTML);
  return dir;
}

/** Headless Chromium with the extension loaded, launched as tests/e2e/fixtures.ts does. */
async function launchBrowser(extensionDir, profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    let version = context.browser()?.version();
    if (!version) {
      const page = await context.newPage();
      version = await page.evaluate(
        () => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? navigator.userAgent,
      );
      await page.close();
    }
    return {
      context,
      extensionId,
      version,
      url: (path) => `chrome-extension://${extensionId}/${path}`,
    };
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
}

/* ---------- seed ---------- */

/**
 * Fills the shared database with the records of scripts/bench-seed.mjs and makes the first
 * pair current; checks, after a reload, that the panel shows that pair's goals.
 */
async function seedDatabase(browser, tempDir) {
  const { sharedTables, sharedVersions, SHARED_DB_NAME } = await loadProjectSchemas(ROOT, tempDir);
  const tables = seedRecords();
  validateSeed(tables, sharedTables);
  const firstPair = tables.pairs[0];
  const expectedGoals = tables.goals.filter((g) => g.pairId === firstPair.id && !g.deleted).length;
  // Dexie opens IndexedDB at its version × 10.
  const idbVersion = Math.max(...sharedVersions.map((v) => v.version)) * 10;

  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  try {
    // The panel creates the databases on first open; with no pair it shows the pair form.
    await page.goto(browser.url('sidepanel.html'));
    try {
      await page
        .getByRole('heading', { name: 'New mentoring pair' })
        .waitFor({ timeout: PAGE_TIMEOUT });
    } catch {
      throw new Error(
        `The panel never showed "New mentoring pair" on a fresh profile.${await describePage(page, errors)}`,
      );
    }
    log(`seeding ${JSON.stringify(seedSummary(tables))}…`);
    const counts = await page.evaluate(
      async ({ name, version, tables, pairId }) => {
        const request = (r) =>
          new Promise((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const databases = await indexedDB.databases();
        if (!databases.some((d) => d.name === name))
          throw new Error(`IndexedDB '${name}' does not exist`);
        // No version: open what the panel created, without a versionchange.
        const db = await request(indexedDB.open(name));
        try {
          if (db.version !== version)
            throw new Error(`IndexedDB '${name}' is at version ${db.version}, expected ${version}`);
          const names = Object.keys(tables);
          const missing = names.filter((n) => !db.objectStoreNames.contains(n));
          if (missing.length)
            throw new Error(`IndexedDB '${name}' has no store ${missing.join(', ')}`);
          const tx = db.transaction(names, 'readwrite');
          const done = new Promise((ok, fail) => {
            tx.oncomplete = ok;
            tx.onerror = () => fail(tx.error);
            tx.onabort = () => fail(tx.error ?? new Error('seed transaction aborted'));
          });
          for (const n of names) for (const record of tables[n]) tx.objectStore(n).put(record);
          await done;
          const read = db.transaction(names, 'readonly');
          const counts = {};
          for (const n of names) counts[n] = await request(read.objectStore(n).count());
          await chrome.storage.local.set({ currentPairId: pairId });
          return counts;
        } finally {
          db.close();
        }
      },
      { name: SHARED_DB_NAME, version: idbVersion, tables, pairId: firstPair.id },
    );
    for (const [name, records] of Object.entries(tables)) {
      if (counts[name] !== records.length) {
        throw new Error(
          `After seeding, ${name} holds ${counts[name]} records, expected ${records.length}`,
        );
      }
    }

    // The panel must now show the first pair and its goals.
    await page.reload();
    const shown = await page
      .waitForFunction(
        ({ count }) => document.querySelectorAll('[data-testid="goal"]').length === count,
        { count: expectedGoals },
        { timeout: PAGE_TIMEOUT },
      )
      .then(
        () => true,
        () => false,
      );
    const selected = await page.evaluate(
      () => document.querySelector('select[name="pair"]')?.value ?? null,
    );
    const goalCount = await page.evaluate(
      () => document.querySelectorAll('[data-testid="goal"]').length,
    );
    if (!shown || selected !== firstPair.id) {
      throw new Error(
        `After seeding, the panel shows ${goalCount} goals of pair ${selected}, expected ${expectedGoals} goals of "${firstPair.title}" (${firstPair.id}).${await describePage(page, errors)}`,
      );
    }
    log(`panel shows "${firstPair.title}" with ${goalCount} goals`);
    return {
      ...seedSummary(tables),
      currentPair: { title: firstPair.title, ...seedSummary(tables).currentPair },
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/* ---------- load times ---------- */

/** Milliseconds from navigation start to the panel's goals on screen (the goals-shown mark). */
async function timePanel(browser, expectedGoals) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(browser.url('sidepanel.html'), { waitUntil: 'commit' });
    try {
      await page.waitForFunction(
        (mark) => performance.getEntriesByName(mark).length > 0,
        GOALS_MARK,
        {
          timeout: PAGE_TIMEOUT,
          polling: 'raf',
        },
      );
    } catch {
      throw new Error(
        `The panel never set the '${GOALS_MARK}' mark.${await describePage(page, errors)}`,
      );
    }
    const { ms, goals } = await page.evaluate(
      (mark) => ({
        ms: performance.getEntriesByName(mark)[0].startTime,
        goals: document.querySelectorAll('[data-testid="goal"]').length,
      }),
      GOALS_MARK,
    );
    if (goals !== expectedGoals) {
      throw new Error(
        `The panel marked goals shown with ${goals} goals on screen, expected ${expectedGoals}.${await describePage(page, errors)}`,
      );
    }
    return ms;
  } finally {
    await page.close().catch(() => {});
  }
}

/** Milliseconds from navigation start to the end of the blank page's load event. */
async function timeBlank(browser) {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.url('blank.html'), { waitUntil: 'load' });
    // loadEventEnd is set just after the load handlers return: wait for it briefly.
    await page
      .waitForFunction(
        () => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0,
        undefined,
        {
          timeout: 5_000,
        },
      )
      .catch(() => {});
    const ms = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0];
      return entry ? entry.loadEventEnd || entry.domContentLoadedEventEnd : 0;
    });
    if (!(ms > 0)) throw new Error('blank.html has no navigation timing');
    return ms;
  } finally {
    await page.close().catch(() => {});
  }
}

/** Percentile with linear interpolation between the closest ranks. */
function percentile(sorted, p) {
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: round(percentile(sorted, 0.5)),
    p10: round(percentile(sorted, 0.1)),
    p90: round(percentile(sorted, 0.9)),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
  };
}

/** One warm-up of each, then `runs` panel and blank loads, alternating which goes first. */
async function measureLoad(browser, runs, expectedGoals) {
  log('warm-up…');
  await timePanel(browser, expectedGoals);
  await timeBlank(browser);
  const panel = [];
  const blank = [];
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      panel.push(await timePanel(browser, expectedGoals));
      blank.push(await timeBlank(browser));
    } else {
      blank.push(await timeBlank(browser));
      panel.push(await timePanel(browser, expectedGoals));
    }
    log(`run ${i + 1}/${runs}: panel ${round(panel.at(-1))} ms, blank ${round(blank.at(-1))} ms`);
  }
  const panelGoalsShownMs = stats(panel);
  const blankPageMs = stats(blank);
  return {
    panelGoalsShownMs,
    blankPageMs,
    ratio: round(
      percentile(
        [...panel].sort((a, b) => a - b),
        0.5,
      ) /
        percentile(
          [...blank].sort((a, b) => a - b),
          0.5,
        ),
      2,
    ),
  };
}

/* ---------- history and search ---------- */

/**
 * The pair's memory at scale (issue 5): `browser` is a fresh profile. Seeds five years of
 * weekly sessions for five pairs, then times `runs` clicks on the History tab (alternating with
 * blank page loads, the baseline) and the search per keystroke (against a raw IndexedDB get by
 * primary key in the same page, the baseline).
 */
async function measureHistoryAndSearch(browser, tempDir, runs) {
  const seed = await seedHistoryProfile(browser, { rootDir: ROOT, tempDir, log });

  log(`timing the History tab, ${runs} runs…`);
  await timeHistory(browser); // warm-up
  await timeBlank(browser);
  const shown = [];
  const blank = [];
  let notes = 0;
  for (let i = 0; i < runs; i += 1) {
    const history = async () => {
      const run = await timeHistory(browser);
      shown.push(run.ms);
      notes = run.notes;
    };
    const blankPage = async () => blank.push(await timeBlank(browser));
    if (i % 2 === 0) {
      await history();
      await blankPage();
    } else {
      await blankPage();
      await history();
    }
    log(`history run ${i + 1}/${runs}: ${round(shown.at(-1))} ms, blank ${round(blank.at(-1))} ms`);
  }
  const median = (samples) =>
    percentile(
      [...samples].sort((a, b) => a - b),
      0.5,
    );

  log('timing search keystrokes…');
  const s = await measureSearch(browser, {
    helpers: seed.helpers,
    sampleNoteIds: seed.sampleNoteIds,
    sharedDbName: seed.sharedDbName,
    rareNotes: seed.summary.rareWord.notes,
    log,
  });
  // The figure: from the input event to the frame that paints the results. The first
  // keystroke after the box got focus may wait for the index to load: reported on its own.
  const typed = s.keystrokes.filter((k) => !k.first);
  const firstKeystroke = s.keystrokes.find((k) => k.first);
  const perKeystroke = typed.map((k) => k.inputToFrameMs);
  const searchMedian = median(perKeystroke);
  const { p10: _p10, min: _min, ...brief } = stats(perKeystroke);
  // Rows are in keystroke order: each query's keystrokes, one after the other.
  const perQuery = (rows, field) => {
    let from = 0;
    return Object.fromEntries(
      s.queries.map((q) => {
        const own = rows.slice(from, from + q.keystrokes).map((r) => round(r[field]));
        from += q.keystrokes;
        return [q.query, own];
      }),
    );
  };

  return {
    history: {
      seeded: seed.summary,
      runs,
      sessionsShown: 10,
      notesShown: notes,
      historyShownMs: stats(shown),
      blankPageMs: stats(blank),
      ratio: round(median(shown) / median(blank), 2),
    },
    search: {
      notes: seed.summary.notes.total,
      indexed: s.indexed,
      queries: s.queries,
      // Input event to the frame painting the results, every keystroke but the first.
      perKeystrokeMs: { ...brief, count: perKeystroke.length },
      targetMs: 16,
      meetsTarget: searchMedian < 16,
      // Input event to the results in the DOM (the work, without waiting for the frame).
      inputToDomMs: stats(typed.map((k) => k.inputToDomMs)),
      // Of which: the panel's own update before the search starts (its layout effect), and the
      // search with the rendering of its results.
      inputToSearchStartMs: stats(typed.map((k) => k.inputToSearchStartMs)),
      searchStartToDomMs: stats(typed.map((k) => k.inputToDomMs - k.inputToSearchStartMs)),
      firstKeystroke: firstKeystroke && {
        query: firstKeystroke.query,
        inputToFrameMs: round(firstKeystroke.inputToFrameMs),
      },
      byKeystrokeMs: perQuery(s.keystrokes, 'inputToFrameMs'),
      // Baselines in the same page: the same keystrokes into a plain input (input event to next
      // frame, the floor) and a raw IndexedDB get by primary key.
      plainInputToFrameMs: stats(s.plainFrameMs),
      ratioToPlainInput: round(searchMedian / median(s.plainFrameMs), 2),
      idbGetMs: { ...stats(s.idbGetMs), count: s.idbGetMs.length },
      ratioToIdbGet: round(searchMedian / median(s.idbGetMs), 1),
      // The search alone (utils/search/search.ts LiveSearch, its own connections, per prefix the
      // median of a few rounds): loading the index into memory, matching and ranking in memory,
      // and the shown records' texts (cache or one bulkGet per table).
      breakdown: {
        indexLoadMs: stats(s.indexLoadMs),
        // While it loads, the page's longest task and its time busy in tasks over 5 ms.
        indexLoadLongestTaskMs: stats(s.indexLoadLongestTaskMs),
        indexLoadHeldMs: stats(s.indexLoadHeldMs),
        matchMs: stats(s.alone.map((r) => r.matchMs)),
        textMs: stats(s.alone.map((r) => r.textMs)),
        matched: perQuery(s.alone, 'matched'),
        matchByKeystrokeMs: perQuery(s.alone, 'matchMs'),
        textByKeystrokeMs: perQuery(s.alone, 'textMs'),
      },
    },
  };
}

/* ---------- sidecar ---------- */

/**
 * The sidecar's throughput and latency (issue 6): scripts/bench-sidecar.ts in a child process
 * (it starts and removes its own servers and PostgreSQL cluster); its progress goes to our
 * stderr, its one JSON object comes back on its stdout. `track` learns the child, so a signal
 * can stop it (it cleans up after itself on SIGTERM).
 */
function measureSidecar(track) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-sidecar.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    track(child);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
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

async function main() {
  const options = parseArgs(process.argv.slice(2));
  chromiumPath(); // fail before building when there is no browser
  if (options.build) buildExtension();
  if (!existsSync(join(OUTPUT_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${OUTPUT_DIR}: run without --no-build (or npx wxt build) first.`,
    );
  }

  const tempDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  let browser;
  let sidecarBench;
  const cleanUp = async () => {
    const b = browser;
    browser = undefined;
    if (b)
      await b.context.close().catch((error) => log(`closing the browser failed: ${error.message}`));
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
  const onSignal = (signal) => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(1));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  async function historySection(extensionDir) {
    log('measuring history and search on five years of sessions (second profile)…');
    browser = await launchBrowser(extensionDir, join(tempDir, 'history-profile'));
    const version = browser.version;
    const measured = await measureHistoryAndSearch(
      browser,
      tempDir,
      Math.max(5, Math.ceil(options.runs / 3)),
    );
    await browser.context.close();
    browser = undefined;
    return { ...measured, version };
  }

  try {
    const extensionDir = prepareExtensionCopy(tempDir);
    let report;
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
    } else {
      log('measuring sizes…');
      const size = measureSizes();
      log('launching Chromium…');
      browser = await launchBrowser(extensionDir, join(tempDir, 'profile'));
      const version = browser.version;
      log(`Chromium ${version}, extension ${browser.extensionId}`);
      const seeded = await seedDatabase(browser, tempDir);
      log(`timing ${options.runs} runs…`);
      const load = await measureLoad(browser, options.runs, seeded.currentPair.goals);
      await browser.context.close();
      browser = undefined;
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
      const sidecar = await measureSidecar((child) => {
        sidecarBench = child;
      });

      // Later issues: add new figures to this object (and a named function that measures them).
      report = {
        date: new Date().toISOString(),
        chromium: version,
        runs: options.runs,
        size,
        panelLoad: { seeded, ...load },
        contentScript,
        history,
        search,
        sidecar,
      };
    }
    const json = JSON.stringify(report, null, 2);
    const file = options.only ? join(ROOT, `.bench/${options.only}.json`) : REPORT_FILE;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${json}\n`);
    process.stdout.write(`${json}\n`);
    log(`written to ${relative(ROOT, file)}`);
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error) => {
  console.error(`[bench] failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
