// What the side panel costs to show: loads of the panel up to the `tandem:goals-shown` mark
// (components/goals.tsx) against loads of a blank extension page, alternating, in one browser.
import {
  describePage,
  type ExtensionBrowser,
  GOALS_MARK,
  openPanel,
  timeBlank,
} from './browser.ts';
import { median, round, spread } from './stats.ts';

/** Milliseconds from navigation start to the panel's goals on screen (the goals-shown mark). */
async function timePanel(browser: ExtensionBrowser, expectedGoals: number): Promise<number> {
  const { page, errors } = await openPanel(browser);
  try {
    const { ms, goals } = await page.evaluate(
      (mark) => ({
        ms: (performance.getEntriesByName(mark)[0] as PerformanceEntry).startTime,
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

/** One warm-up of each, then `runs` panel and blank loads, alternating which goes first. */
export async function measureLoad(
  browser: ExtensionBrowser,
  runs: number,
  expectedGoals: number,
  log: (...args: unknown[]) => void,
) {
  log('warm-up…');
  await timePanel(browser, expectedGoals);
  await timeBlank(browser);
  const panel: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      panel.push(await timePanel(browser, expectedGoals));
      blank.push(await timeBlank(browser));
    } else {
      blank.push(await timeBlank(browser));
      panel.push(await timePanel(browser, expectedGoals));
    }
    log(
      `run ${i + 1}/${runs}: panel ${round(panel.at(-1) as number)} ms, blank ${round(blank.at(-1) as number)} ms`,
    );
  }
  return {
    panelGoalsShownMs: spread(panel),
    blankPageMs: spread(blank),
    ratio: round(median(panel) / median(blank), 2),
  };
}
