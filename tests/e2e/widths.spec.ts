import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { addActionItem, addAgendaItem, addGoal, addNote, createPair, openTab } from './panel-page';

/** Every view fits a side panel 320–500 px wide: nothing wider than the page, no sideways scroll. */

let browser: ExtensionBrowser;
let page: Page;
beforeAll(async () => {
  browser = await launchExtension();
  page = await browser.openPanel();
});
afterAll(async () => {
  await browser?.close({ removeProfile: true });
});

/** What sticks out: elements whose right edge passes the viewport, and the page's scroll width. */
async function overflow(p: Page) {
  return p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        if (el.closest('.visually-hidden')) return false;
        return r.right > width + 0.5 || r.left < -0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 60));
    return { scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 5) };
  });
}

async function expectFits(p: Page, view: string) {
  for (const width of [320, 400, 500]) {
    await p.setViewportSize({ width, height: 800 });
    const result = await overflow(p);
    expect({ view, width, ...result }).toEqual({ view, width, scroll: 0, out: [] });
  }
}

test('every view fits 320, 400 and 500 px', async () => {
  await page.setViewportSize({ width: 320, height: 800 });
  await expectFits(page, 'first run');
  await createPair(page, {
    title: 'A pair with a rather long title that should wrap: Priya Raghunathan ↔ Samuel Oyelaran',
    members: [
      {
        name: 'Priya Raghunathan-Whitfield',
        email: 'priya.raghunathan-whitfield@example.org',
        role: 'mentor',
      },
      { name: 'Samuel Oyelaran', email: 'samuel.oyelaran@example.org', role: 'mentee' },
    ],
  });
  await page.getByRole('button', { name: 'New pair' }).click();
  await expectFits(page, 'pair form');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await addGoal(page, { title: 'Lead a product launch end to end', progress: 40 });
  await openTab(page, 'Live');
  await addAgendaItem(page, 'Portfolio review with a long agenda line that needs to wrap nicely');
  await addActionItem(page, { text: 'Send the slides', due: '2021-03-01' });
  await addNote(page, 'shared', 'Decision: apply to two roles');
  for (const tab of ['Prep', 'Live', 'Review', 'History', 'Pair'] as const) {
    await page.setViewportSize({ width: 320, height: 800 });
    await openTab(page, tab);
    await expectFits(page, tab);
  }
  await page.getByRole('button', { name: 'Edit pair' }).click();
  await expectFits(page, 'edit pair');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Help' }).click();
  await expectFits(page, 'help');
});
