// What a content script costs on a heavy host page: the Google Calendar event-dialog fixture
// with thousands of event chips added (a busy week or month view), loaded with and without the
// extension, then changed 20 times as a user opening and closing events would. Measured through
// the Chrome DevTools Protocol (Performance.getMetrics: ScriptDuration and TaskDuration of the
// page's renderer, which include the content script's isolated world) and a PerformanceObserver
// for long tasks. Reported as medians, with and without, in the same run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { extensionArgs, launchChromium } from './browser.ts';
import { median, round } from './stats.ts';

const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/month/2026/11/1';
const CHIPS = 3000;
const CHANGES = 20;

export function heavyCalendarPage(fixturesDir: string): string {
  const base = readFileSync(join(fixturesDir, 'google-calendar/event-dialog.html'), 'utf8');
  const chips: string[] = [];
  for (let i = 0; i < CHIPS; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    chips.push(
      `<div role="gridcell"><div role="button" data-eventid="ev${i}" data-eventchip="" jslog="35463"><span class="XuJrye">Event ${i}, 10:00 to 11:00, Room ${i % 40}</span><time datetime="2026-11-${day}T10:00">10am</time></div></div>`,
    );
  }
  return base.replace(
    '<body>',
    `<body><div role="grid" aria-label="month">${chips.join('')}</div>`,
  );
}

/** What the page's observer keeps on its globalThis. */
type RunGlobals = { __longTasks: number[]; __dialog?: Element };

interface Run {
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longTaskMs: number;
}

async function oneRun(context: BrowserContext, html: string): Promise<Run> {
  await context.route(CALENDAR_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  const page = await context.newPage();
  await page.addInitScript(() => {
    const g = globalThis as unknown as RunGlobals;
    g.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) g.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(CALENDAR_URL, { waitUntil: 'load' });
  await page.waitForTimeout(1200); // document_idle, the first parse and report
  // A user opening and closing events: the dialog leaves and comes back.
  for (let i = 0; i < CHANGES; i += 1) {
    await page.evaluate(() => {
      const g = globalThis as unknown as RunGlobals;
      const dialog = document.querySelector('[role="dialog"]');
      if (dialog) {
        g.__dialog = dialog;
        dialog.remove();
      } else if (g.__dialog) {
        document.body.append(g.__dialog);
      }
    });
    await page.waitForTimeout(120);
  }
  await page.waitForTimeout(800);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const longTasks = await page.evaluate(() => (globalThis as unknown as RunGlobals).__longTasks);
  await page.close();
  await context.unroute(CALENDAR_URL);
  return {
    scriptMs: metric('ScriptDuration'),
    taskMs: metric('TaskDuration'),
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
  };
}

function summarise(samples: Run[]): Run {
  return {
    scriptMs: round(median(samples.map((s) => s.scriptMs))),
    taskMs: round(median(samples.map((s) => s.taskMs))),
    longTasks: median(samples.map((s) => s.longTasks)),
    longTaskMs: round(median(samples.map((s) => s.longTaskMs))),
  };
}

/** Medians of `runs` loads with the extension and without it, alternating. */
export async function measureContentScriptCost({
  extensionDir,
  fixturesDir,
  tempDir,
  runs,
  log,
}: {
  extensionDir: string;
  fixturesDir: string;
  tempDir: string;
  runs: number;
  log?: (...args: unknown[]) => void;
}) {
  const html = heavyCalendarPage(fixturesDir);
  const withExt = await launchChromium(join(tempDir, 'cs-with'), extensionArgs(extensionDir));
  const without = await launchChromium(join(tempDir, 'cs-without'), []);
  try {
    await oneRun(withExt, html); // warm-up
    await oneRun(without, html);
    const a: Run[] = [];
    const b: Run[] = [];
    for (let i = 0; i < runs; i += 1) {
      log?.(`content script cost run ${i + 1}/${runs}`);
      a.push(await oneRun(withExt, html));
      b.push(await oneRun(without, html));
    }
    const withSummary = summarise(a);
    const withoutSummary = summarise(b);
    return {
      page: `Google Calendar fixture + ${CHIPS} event chips (${Math.round(html.length / 1024)} KB HTML), ${CHANGES} dialog changes`,
      withExtension: withSummary,
      withoutExtension: withoutSummary,
      extraScriptMs: round(withSummary.scriptMs - withoutSummary.scriptMs),
      scriptRatio: round(withSummary.scriptMs / withoutSummary.scriptMs),
      extraLongTasks: withSummary.longTasks - withoutSummary.longTasks,
    };
  } finally {
    await withExt.close().catch(() => {});
    await without.close().catch(() => {});
  }
}
