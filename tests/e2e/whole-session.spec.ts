import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { panelBesideHostPage } from './hosts';
import { addActionItem, addAgendaItem, createPair, readTable } from './panel-page';

/**
 * A whole session as its people run it, in a side panel 360 px wide: the mentor prepares from
 * the calendar event (Prep), an unrelated call comes in between (it matches no pair, so nothing
 * can be typed into the pair's session from it), and the mentee runs the call (Live): agenda
 * ticked, a note, an action item, the session held.
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const ZOOM_URL = 'https://app.zoom.us/wc/83412345678/join?fromPWA=1&pwd=Zm9vYmFy';
const NARROW = { width: 360, height: 800 };

async function panelFor(b: ExtensionBrowser, url: string, file: string): Promise<Page> {
  const panel = await panelBesideHostPage(b, url, file);
  await panel.setViewportSize(NARROW);
  return panel;
}

async function fits(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test('a mentor preps in the calendar, an unmatched call comes between, the mentee runs the call — at 360 px', async () => {
  browser = await launchExtension();
  const home = await browser.openPanel();
  await home.setViewportSize(NARROW);
  await createPair(home, {
    title: 'Priya',
    myRole: 'mentor',
    members: [
      { name: 'Sam Lee', email: 'sam.lee@example.org', role: 'mentor' },
      { name: 'Priya Shah', email: 'priya.shah@example.com', role: 'mentee' },
    ],
  });
  const pairId = String((await readTable(home, 'tandem', 'pairs'))[0]?.id);

  // The mentor prepares from the calendar event: Prep, the event's date, a draft agenda.
  const prep = await panelFor(browser, CALENDAR_URL, 'google-calendar/event-dialog.html');
  await expect
    .poll(() => prep.getByRole('tab', { name: 'Prep' }).getAttribute('aria-selected'))
    .toBe('true');
  await expect.poll(() => prep.getByLabel('Date and time').inputValue()).toBe('2026-11-24T10:00');
  await addAgendaItem(prep, 'Promotion case: first draft');
  await addAgendaItem(prep, 'Who to ask for feedback');
  expect(await fits(prep)).toBe(0);

  // Between the two, a call that is not this pair's: no session shown, nothing to type into.
  const other = await panelFor(browser, ZOOM_URL, 'zoom/web-client.html');
  await other.getByTestId('meeting-unmatched').waitFor();
  expect(await other.getByRole('tab').count()).toBe(0);
  expect(await other.getByRole('textbox').count()).toBe(0);
  expect(await fits(other)).toBe(0);

  // The call of the event: Live on the same session, the agenda the mentor drafted.
  const live = await panelFor(browser, MEET_URL, 'google-meet/in-call.html');
  await expect
    .poll(() => live.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected'))
    .toBe('true');
  await expect
    .poll(() => live.getByTestId('agenda-item').locator('.item-text').allTextContents())
    .toEqual(['Promotion case: first draft', 'Who to ask for feedback']);
  await live.getByTestId('agenda-item').first().getByRole('checkbox').check();
  await live.getByRole('button', { name: 'Add shared note' }).click();
  await live.getByTestId('note').getByRole('textbox').fill('Decision: send the draft by Friday');
  await addActionItem(live, {
    text: 'Send the draft to Sam',
    owner: 'Priya Shah',
    due: '2026-11-28',
  });
  expect(await live.getByTestId('action-item').locator('.owner').textContent()).toBe('Priya Shah');
  expect(await fits(live)).toBe(0);
  await live.getByRole('button', { name: 'Session held — plan the next' }).click();
  expect(await live.locator('.hold .confirm').textContent()).toContain('2026');
  await live.getByRole('button', { name: 'Yes, session held' }).click();
  await live.getByTestId('hold-done').waitFor();

  // Every word is the pair's, in the session of that event; nothing came from the other call.
  const sessions = (await readTable(live, 'tandem', 'sessions')).filter((s) => !s.deleted);
  const held = sessions.find((s) => s.status === 'held');
  expect(held?.calendarEventId).toBe('5v1q8kq3m2h0r6t7u9a4b2c1d0');
  expect(sessions.filter((s) => s.status === 'planned')).toHaveLength(1);
  for (const table of ['agendaItems', 'notes', 'actionItems'] as const) {
    const rows = (await readTable(live, 'tandem', table)).filter((r) => !r.deleted);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.pairId === pairId && r.sessionId === held?.id)).toBe(true);
  }
  expect(
    (await readTable(live, 'tandem', 'agendaItems')).find(
      (a) => a.text === 'Promotion case: first draft',
    )?.done,
  ).toBe(true);
});
