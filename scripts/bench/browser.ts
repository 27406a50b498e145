// Headless Chromium for the benchmarks, launched as tests/e2e/fixtures.ts does, and the panel
// pages they drive: opening them, timing a blank page, saying why a page failed.
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const PAGE_TIMEOUT = 30_000;
export const GOALS_MARK = 'tandem:goals-shown';
const BLANK_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/**
 * tsx compiles these scripts with esbuild's keepNames, which wraps every named inner function
 * in `__name(fn, "name")`; the callbacks handed to page.evaluate carry those calls into the
 * page, where no `__name` exists. Every page of the extension's browser gets a do-nothing one.
 */
const NAME_HELPER = 'globalThis.__name ??= (fn) => fn;';

/** The Chromium launched, with the extension loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  version: string;
  url(path: string): string;
}

/** The extension API an extension page has, as far as the seeds use it. */
export type ExtensionPageGlobals = {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
};

/** The system Chromium (Debian's package) or CHROMIUM_PATH, as tests/e2e/fixtures.ts. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Headless Chromium on a fresh profile, with `args` before the flags that keep it quiet. */
export function launchChromium(profileDir: string, args: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...args, ...QUIET_ARGS],
  });
}

export const extensionArgs = (extensionDir: string): string[] => [
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
];

/**
 * The least a page of the extension can do to show a pair's goals, without Tandem's code: one
 * classic script that reads the current pair's id from storage and its goals by index from
 * IndexedDB, puts their titles in a list and sets the goals mark — the floor under the panel's
 * first view (no framework, no schemas, no layout beyond a list).
 */
const RAW_GOALS_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>raw goals</title><script src="/raw-goals.js"></script></head><body></body></html>';
const RAW_GOALS_JS = `
const opened = new Promise((ok, fail) => {
  const r = indexedDB.open('tandem');
  r.onsuccess = () => ok(r.result);
  r.onerror = () => fail(r.error);
});
Promise.all([chrome.storage.local.get('currentPairId'), opened]).then(([settings, db]) => {
  const r = db.transaction('goals').objectStore('goals').index('pairId').getAll(settings.currentPairId);
  r.onsuccess = () => {
    const show = () => {
      const list = document.createElement('ul');
      for (const goal of r.result) {
        if (goal.deleted) continue;
        const item = document.createElement('li');
        item.dataset.testid = 'goal';
        item.textContent = goal.title;
        list.append(item);
      }
      document.body.append(list);
      performance.mark('${GOALS_MARK}');
    };
    if (document.body) show();
    else document.addEventListener('DOMContentLoaded', show);
  };
});
`;

/** A copy of the build with blank.html (and the raw goals page) added: the build is never touched. */
export function prepareExtensionCopy(outputDir: string, tempDir: string): string {
  const dir = join(tempDir, 'extension');
  cpSync(outputDir, dir, { recursive: true });
  writeFileSync(join(dir, 'blank.html'), BLANK_HTML);
  writeFileSync(join(dir, 'raw-goals.html'), RAW_GOALS_HTML);
  writeFileSync(join(dir, 'raw-goals.js'), RAW_GOALS_JS);
  return dir;
}

/** Headless Chromium with the extension loaded; waits for its service worker. */
export async function launchWithExtension(
  extensionDir: string,
  profileDir: string,
): Promise<ExtensionBrowser> {
  const context = await launchChromium(profileDir, extensionArgs(extensionDir));
  try {
    await context.addInitScript({ content: NAME_HELPER });
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

/** Errors a page throws, so that a failure can say why (printed to stderr). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error?.stack ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export async function describePage(page: Page, errors: string[]): Promise<string> {
  const text = await page
    .evaluate(() => document.body?.textContent ?? '')
    .catch((error: Error) => `(page unreadable: ${error.message})`);
  return `\n  page text: ${JSON.stringify(text.slice(0, 400))}${errors.length ? `\n  page errors:\n    ${errors.join('\n    ')}` : ''}`;
}

/** A panel page on a fresh profile, once it shows the form for a first pair. */
export async function openFreshPanel(
  browser: ExtensionBrowser,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  // The panel creates the databases on first open; with no pair it shows the pair form.
  await page.goto(browser.url('sidepanel.html'));
  try {
    await page
      .getByRole('heading', { name: 'New mentoring pair' })
      .waitFor({ timeout: PAGE_TIMEOUT });
  } catch {
    const why = await describePage(page, errors);
    await page.close().catch(() => {});
    throw new Error(`The panel never showed "New mentoring pair" on a fresh profile.${why}`);
  }
  return { page, errors };
}

/**
 * A panel page, once it has set the goals-shown mark (components/goals.tsx); `beforeOpen` may
 * add init scripts and listeners to the page before it navigates.
 */
export async function openPanel(
  browser: ExtensionBrowser,
  {
    beforeOpen,
    path = 'sidepanel.html',
  }: {
    beforeOpen?: (page: Page) => Promise<unknown>;
    /** Another page of the extension that sets the goals mark (the raw goals page). */
    path?: string;
  } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await beforeOpen?.(page);
  await page.goto(browser.url(path), { waitUntil: 'commit' });
  try {
    await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      GOALS_MARK,
      { timeout: PAGE_TIMEOUT, polling: 'raf' },
    );
  } catch {
    const why = await describePage(page, errors);
    await page.close().catch(() => {});
    throw new Error(`${path} never set the '${GOALS_MARK}' mark.${why}`);
  }
  return { page, errors };
}

/** After seeding and a reload: whether the panel shows `goals` goals, and which pair it shows. */
export async function shownPair(
  page: Page,
  goals: number,
): Promise<{ shown: boolean; selected: string | null; goalCount: number }> {
  await page.reload();
  const shown = await page
    .waitForFunction(
      (count) => document.querySelectorAll('[data-testid="goal"]').length === count,
      goals,
      { timeout: PAGE_TIMEOUT },
    )
    .then(
      () => true,
      () => false,
    );
  const selected = await page.evaluate(
    () => document.querySelector<HTMLSelectElement>('select[name="pair"]')?.value ?? null,
  );
  const goalCount = await page.evaluate(
    () => document.querySelectorAll('[data-testid="goal"]').length,
  );
  return { shown, selected, goalCount };
}

/** Milliseconds from navigation start to the end of the blank page's load event. */
export async function timeBlank(browser: ExtensionBrowser): Promise<number> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.url('blank.html'), { waitUntil: 'load' });
    // loadEventEnd is set just after the load handlers return: wait for it briefly.
    await page
      .waitForFunction(
        () =>
          ((
            performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
          )?.loadEventEnd ?? 0) > 0,
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => {});
    const ms = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as
        | PerformanceNavigationTiming
        | undefined;
      return entry ? entry.loadEventEnd || entry.domContentLoadedEventEnd : 0;
    });
    if (!(ms > 0)) throw new Error('blank.html has no navigation timing');
    return ms;
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Milliseconds from navigation start to the raw goals page's mark (RAW_GOALS_JS), checking it
 * shows `expectedGoals` goals.
 */
export async function timeRawGoals(
  browser: ExtensionBrowser,
  expectedGoals: number,
): Promise<number> {
  const { page } = await openPanel(browser, { path: 'raw-goals.html' });
  try {
    const { ms, goals } = await page.evaluate(
      (mark) => ({
        ms: (performance.getEntriesByName(mark)[0] as PerformanceEntry).startTime,
        goals: document.querySelectorAll('[data-testid="goal"]').length,
      }),
      GOALS_MARK,
    );
    if (goals !== expectedGoals)
      throw new Error(`The raw goals page shows ${goals} goals, expected ${expectedGoals}.`);
    return ms;
  } finally {
    await page.close().catch(() => {});
  }
}
