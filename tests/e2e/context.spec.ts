import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension, worker } from './fixtures';
import { openHostPage, serveFixture, storedContext, tabIdOf } from './hosts';
import { addAgendaItem, createPair, readTable } from './panel-page';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const JITSI_URL = 'https://meet.jit.si/PeerCircleNovember';

async function priyaPair(b: ExtensionBrowser) {
  const page = await b.openPanel();
  await createPair(page, {
    title: 'Priya',
    myRole: 'mentor',
    members: [
      { name: 'Sam Lee', email: 'sam.lee@example.org', role: 'mentor' },
      { name: 'Priya Shah', email: 'priya.shah@example.com', role: 'mentee' },
    ],
  });
  await createPair(page, {
    title: 'Jordan',
    myRole: 'mentor',
    members: [
      { name: 'Sam Lee', email: 'sam.lee@example.org', role: 'mentor' },
      { name: 'Jordan Kim', email: 'jordan.kim@contoso.com', role: 'mentee' },
    ],
  });
  return page;
}

describe('in context', () => {
  test('the calendar event opens Prep for the invited mentee, and the call of that event opens Live on the same session', async () => {
    browser = await launchExtension();
    const home = await priyaPair(browser);

    await openHostPage(browser.context, CALENDAR_URL, 'google-calendar/event-dialog.html');
    const calendarTab = await tabIdOf(worker(browser), CALENDAR_URL);
    const prep = await browser.openPanel(`?tab=${calendarTab}`);
    const card = prep.getByTestId('meeting-card');
    await expect.poll(() => card.textContent()).toContain('Mentoring: Priya / Sam');
    expect(await card.textContent()).toContain('Google Calendar');
    expect(await card.textContent()).toContain('priya.shah@example.com');
    expect(await prep.getByTestId('meeting-match').textContent()).toContain('Priya');
    expect(await prep.getByRole('tab', { name: 'Prep' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await prep.getByLabel('Current pair').locator('option:checked').textContent()).toBe(
      'Priya',
    );
    // The session takes the event's date; an event already over says so (this one ended on
    // 24 November 2026, before any day these tests run).
    await expect.poll(() => prep.getByLabel('Date and time').inputValue()).toBe('2026-11-24T10:00');
    expect(await prep.getByTestId('meeting-over').textContent()).toContain('This meeting is over');
    await addAgendaItem(prep, 'Promotion case: first draft');

    await openHostPage(browser.context, MEET_URL, 'google-meet/in-call.html');
    const meetTab = await tabIdOf(worker(browser), MEET_URL);
    const live = await browser.openPanel(`?tab=${meetTab}`);
    await expect
      .poll(() => live.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected'))
      .toBe('true');
    expect(await live.getByTestId('meeting-card').textContent()).toContain('Google Meet');
    await expect
      .poll(() => live.getByTestId('agenda-item').locator('.item-text').allTextContents())
      .toEqual(['Promotion case: first draft']);
    await expect.poll(() => live.getByTestId('meeting-timer').isVisible()).toBe(true);
    expect(await live.getByRole('timer').textContent()).toMatch(/^\d+:\d\d$/);
    // The panel's first script asked for the tab's context and the settings while the modules
    // loaded (utils/panel/early-reads.ts), with the browser's own API: what the page then read.
    const early = await live.evaluate(
      () =>
        (
          globalThis as unknown as {
            __tandemEarlyReads?: { tab?: { tabId: number; context: unknown }; settings?: object };
          }
        ).__tandemEarlyReads,
    );
    expect(early?.tab?.tabId).toBe(meetTab);
    expect(JSON.stringify(early?.tab?.context)).toContain('Mentoring: Priya / Sam');
    expect(early?.settings).toHaveProperty('currentPairId');

    const pairs = await readTable(home, 'tandem', 'pairs');
    const priya = pairs.find((p) => p.title === 'Priya');
    const sessions = (await readTable(home, 'tandem', 'sessions')).filter(
      (s) => s.pairId === priya?.id,
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.calendarEventId).toBe('5v1q8kq3m2h0r6t7u9a4b2c1d0');
  });

  test('an unmatched call offers "Link to pair…", and the link is remembered', async () => {
    browser = await launchExtension();
    await priyaPair(browser);
    const page = await openHostPage(browser.context, JITSI_URL, 'jitsi/room.html');
    const tab = await tabIdOf(worker(browser), JITSI_URL);
    const panel = await browser.openPanel(`?tab=${tab}`);
    const unmatched = panel.getByTestId('meeting-unmatched');
    await expect.poll(() => unmatched.isVisible()).toBe(true);
    expect(await panel.getByTestId('meeting-card').textContent()).toContain('Jitsi Meet');
    await unmatched.getByLabel('Pair to link this meeting to').selectOption({ label: 'Jordan' });
    await unmatched.getByRole('button', { name: 'Link to pair' }).click();
    await expect.poll(() => panel.getByTestId('meeting-match').textContent()).toContain('Jordan');
    expect(await panel.getByTestId('meeting-match').textContent()).toContain(
      'you linked this meeting to this pair.',
    );

    // Another day, the same room: recognised at once.
    await page.reload();
    const again = await browser.openPanel(`?tab=${tab}`);
    await expect.poll(() => again.getByTestId('meeting-match').textContent()).toContain('Jordan');
    expect(await again.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  test('"New pair from this meeting" starts a pair with the invitees and links the meeting', async () => {
    browser = await launchExtension();
    const home = await browser.openPanel();
    await createPair(home, { title: 'Somebody else' });
    const url =
      'https://outlook.office.com/calendar/item/AAMkADk2YjE5ZWI4LTc1NDQtNDA4Ni04ZDAxLTY2MTdhZmMzNzQzMQBGAAAAAAC%2FrKq9gQ9FQpQx3v7XJ1UFBwB1cMdnPq0zR5NTvCzXfPplAAAAAAENAAB1cMdnPq0zR5NTvCzXfPplAAH%2FdQ1hAAA%3D';
    await openHostPage(browser.context, url, 'outlook/event-reading-pane.html');
    const tab = await tabIdOf(worker(browser), url);
    const panel = await browser.openPanel(`?tab=${tab}`);
    await panel.getByRole('button', { name: 'New pair from this meeting' }).click();
    const form = panel.getByRole('form', { name: /mentoring pair/i });
    expect(await form.getByLabel('Title').inputValue()).toBe('Mentoring: Alex / Jordan');
    const emails = await form
      .locator('input[type="email"]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(emails.sort()).toEqual(['alex.morgan@contoso.com', 'jordan.kim@contoso.com']);
    await form.getByRole('button', { name: 'Create pair' }).click();
    await expect
      .poll(() => panel.getByTestId('meeting-match').textContent())
      .toContain('Mentoring: Alex / Jordan');
    expect(await panel.getByRole('tab', { name: 'Prep' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  test('follows the page: an event dialog opening and closing in the calendar', async () => {
    browser = await launchExtension();
    await priyaPair(browser);
    const calendar = await openHostPage(
      browser.context,
      CALENDAR_URL,
      'google-calendar/week-no-event.html',
    );
    const tab = await tabIdOf(worker(browser), CALENDAR_URL);
    const panel = await browser.openPanel(`?tab=${tab}`);
    await expect
      .poll(() => panel.getByTestId('meeting-card').textContent())
      .toContain('open an event to prepare for it');
    expect(await panel.getByRole('tab', { name: 'Review' }).getAttribute('aria-selected')).toBe(
      'true',
    );

    // The user opens the event: the calendar adds its dialog to the page, as it does.
    const dialogHtml = readFileSync(
      resolve(import.meta.dirname, '../fixtures/hosts/google-calendar/event-dialog.html'),
      'utf8',
    );
    await calendar.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const dialog = doc.querySelector('[role="dialog"]');
      if (!dialog) throw new Error('fixture has no dialog');
      document.body.append(document.importNode(dialog, true));
    }, dialogHtml);
    await expect
      .poll(() => panel.getByTestId('meeting-card').textContent())
      .toContain('Mentoring: Priya / Sam');
    await expect
      .poll(() => panel.getByRole('tab', { name: 'Prep' }).getAttribute('aria-selected'))
      .toBe('true');

    // …and closes it.
    await calendar.evaluate(() => document.querySelector('[role="dialog"]')?.remove());
    await expect
      .poll(() => panel.getByTestId('meeting-card').textContent())
      .toContain('open an event to prepare for it');
  });

  test('a host page cannot talk to Tandem, and the content script leaves the page as it was', async () => {
    browser = await launchExtension();
    const page = await openHostPage(browser.context, MEET_URL, 'google-meet/in-call.html');
    const tab = await tabIdOf(worker(browser), MEET_URL);
    await expect.poll(() => storedContext(worker(browser as ExtensionBrowser), tab)).not.toBeNull();
    const before = JSON.stringify(await storedContext(worker(browser), tab));

    const id = browser.extensionId;
    const attempt = await page.evaluate(async (extensionId) => {
      const runtime = (
        globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }
      ).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no messaging API on the page';
      try {
        await runtime.sendMessage(extensionId, {
          type: 'page-context',
          context: {
            host: 'google-meet',
            kind: 'call',
            url: 'https://meet.google.com/zzz-zzzz-zzz',
            meeting: null,
          },
        });
        return 'sent';
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, id);
    expect(attempt).not.toBe('sent');
    expect(JSON.stringify(await storedContext(worker(browser), tab))).toBe(before);

    // Nothing added to the host page: its DOM is the fixture's, node for node.
    const fixture = readFileSync(
      resolve(import.meta.dirname, '../fixtures/hosts/google-meet/in-call.html'),
      'utf8',
    );
    const same = await page.evaluate((html) => {
      const original = new DOMParser().parseFromString(html, 'text/html');
      return original.body.innerHTML.trim() === document.body.innerHTML.trim();
    }, fixture);
    expect(same).toBe(true);
  });

  test('a tab that leaves the host forgets its meeting', async () => {
    browser = await launchExtension();
    const page = await openHostPage(browser.context, MEET_URL, 'google-meet/in-call.html');
    const tab = await tabIdOf(worker(browser), MEET_URL);
    await expect.poll(() => storedContext(worker(browser as ExtensionBrowser), tab)).not.toBeNull();
    await serveFixture(browser.context, 'https://example.org/', 'google-meet/lobby.html');
    await page.goto('https://example.org/');
    await expect.poll(() => storedContext(worker(browser as ExtensionBrowser), tab)).toBeNull();
  });
});
