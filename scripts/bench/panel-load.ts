// What the side panel costs to show: loads of the panel against loads of a blank extension page,
// alternating, in one browser. Per load: the time to the `tandem:goals-shown` mark
// (components/goals.tsx), the time to "ready" (the load event, then the last change to the DOM
// before the page rests), and the JavaScript the page requested before its goals were on screen.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  describePage,
  type ExtensionBrowser,
  GOALS_MARK,
  openPanel,
  timeBlank,
  timeRawGoals,
} from './browser.ts';
import { sizeOf } from './sizes.ts';
import { median, round, spread } from './stats.ts';

/** The page rests when its DOM has not changed for this long (after the load event). */
const REST_MS = 500;

/** Records the time of the last DOM change, from the page's first script on. */
const WATCH_DOM = `(() => {
  globalThis.__lastDomChange = 0;
  new MutationObserver(() => { globalThis.__lastDomChange = performance.now(); })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

interface PanelLoad {
  goalsMs: number;
  readyMs: number;
  /** The extension's scripts the page requested before the goals-shown mark (paths). */
  scripts: string[];
}

/** The load event, then the last DOM change before REST_MS of quiet (ms since navigation). */
async function readyTime(page: Page): Promise<number> {
  await page.waitForFunction(
    (rest) => {
      const nav = performance.getEntriesByType('navigation')[0] as
        | PerformanceNavigationTiming
        | undefined;
      const last = (globalThis as unknown as { __lastDomChange: number }).__lastDomChange;
      return (nav?.loadEventEnd ?? 0) > 0 && performance.now() - last >= rest;
    },
    REST_MS,
    { polling: 50, timeout: 30_000 },
  );
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const last = (globalThis as unknown as { __lastDomChange: number }).__lastDomChange;
    return Math.max(nav.loadEventEnd, last);
  });
}

/** One load of the panel: goals on screen, ready, and the scripts requested before the goals. */
async function timePanel(browser: ExtensionBrowser, expectedGoals: number): Promise<PanelLoad> {
  const requested: { path: string; at: number }[] = [];
  const prefix = browser.url('');
  const { page, errors } = await openPanel(browser, {
    beforeOpen: async (p) => {
      await p.addInitScript({ content: WATCH_DOM });
      p.on('request', (request) => {
        const url = request.url();
        if (url.startsWith(prefix) && url.endsWith('.js'))
          requested.push({ path: url.slice(prefix.length), at: Date.now() });
      });
    },
  });
  try {
    const { ms, goals, markAt } = await page.evaluate((mark) => {
      const entry = performance.getEntriesByName(mark)[0] as PerformanceEntry;
      return {
        ms: entry.startTime,
        markAt: performance.timeOrigin + entry.startTime,
        goals: document.querySelectorAll('[data-testid="goal"]').length,
      };
    }, GOALS_MARK);
    if (goals !== expectedGoals) {
      throw new Error(
        `The panel marked goals shown with ${goals} goals on screen, expected ${expectedGoals}.${await describePage(page, errors)}`,
      );
    }
    const readyMs = await readyTime(page);
    // A request is seen here a little after the page made it: one seen up to 20 ms after the
    // mark may still have come before it, so it counts (the figure errs on the heavy side).
    const scripts = requested.filter((r) => r.at <= markAt + 20).map((r) => r.path);
    return { goalsMs: ms, readyMs, scripts };
  } finally {
    await page.close().catch(() => {});
  }
}

/** The build's file at `path`: a script the panel requested must be there. */
function inBuild(outputDir: string, path: string): string {
  const file = join(outputDir, path);
  if (!existsSync(file)) throw new Error(`The panel requested ${path}, which is not in the build`);
  return file;
}

/** One warm-up of each, then `runs` panel and blank loads, alternating which goes first. */
export async function measureLoad(
  browser: ExtensionBrowser,
  runs: number,
  expectedGoals: number,
  outputDir: string,
  log: (...args: unknown[]) => void,
) {
  log('warm-up…');
  await timePanel(browser, expectedGoals);
  await timeBlank(browser);
  await timeRawGoals(browser, expectedGoals);
  const panel: PanelLoad[] = [];
  const blank: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      panel.push(await timePanel(browser, expectedGoals));
      blank.push(await timeBlank(browser));
      raw.push(await timeRawGoals(browser, expectedGoals));
    } else {
      raw.push(await timeRawGoals(browser, expectedGoals));
      blank.push(await timeBlank(browser));
      panel.push(await timePanel(browser, expectedGoals));
    }
    const last = panel.at(-1) as PanelLoad;
    log(
      `run ${i + 1}/${runs}: panel goals ${round(last.goalsMs)} ms, ready ${round(last.readyMs)} ms, blank ${round(blank.at(-1) as number)} ms, raw goals page ${round(raw.at(-1) as number)} ms`,
    );
  }
  // The largest set of scripts any load needed before its goals were on screen.
  const scripts = panel.reduce<string[]>(
    (most, load) => (load.scripts.length > most.length ? load.scripts : most),
    [],
  );
  const goals = panel.map((p) => p.goalsMs);
  const ready = panel.map((p) => p.readyMs);
  return {
    panelGoalsShownMs: spread(goals),
    panelReadyMs: spread(ready),
    blankPageMs: spread(blank),
    ratio: round(median(goals) / median(blank), 2),
    readyRatio: round(median(ready) / median(blank), 2),
    // The floor under the goals: a page that only reads them raw and lists them
    // (scripts/bench/browser.ts RAW_GOALS_JS), against the blank page and the panel.
    rawGoalsPageMs: spread(raw),
    rawGoalsPageRatio: round(median(raw) / median(blank), 2),
    ratioToRawGoalsPage: round(median(goals) / median(raw), 2),
    jsBeforeGoals: sizeOf(
      outputDir,
      [...new Set(scripts)].map((path) => inBuild(outputDir, path)),
    ),
  };
}
