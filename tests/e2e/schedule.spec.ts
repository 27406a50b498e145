import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { checkedEvent, prop, unescapeText } from '../unit/calendar/ics-checker';
import { describeViolations, runAxe } from './axe';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { addAgendaItem, addNote, createPair, openTab } from './panel-page';

/** "Schedule the next session": the event a calendar gets, as a mentor and a mentee use it. */

const SHOTS = '/tmp/shots-cal15';
let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
/** A Date as a datetime-local value, in the machine's time zone (the browser's too). */
function local(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Downloads the .ics the form makes and returns its text. */
async function downloadIcs(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download .ics' }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('scheduling the next session', () => {
  test('a mentor opens it from Prep: the cadence date, a Google link, and an .ics with the agenda only when asked', async () => {
    browser = await launchExtension();
    // The calendars are not reached: a tab the panel opens gets a blank page at the same URL.
    await browser.context.route(/^https:\/\/(calendar\.google\.com|outlook\.office\.com)\//, (r) =>
      r.fulfill({ status: 200, contentType: 'text/html', body: '<title>calendar</title>' }),
    );
    const page = await browser.openPanel();
    await createPair(page, {
      title: 'Sam and Alex',
      model: 'one-to-one',
      myRole: 'mentor',
      members: [
        { name: 'Sam Mentor', role: 'mentor' },
        { name: 'Alex Mentee', role: 'mentee' },
      ],
    });
    // The last session was two days ago at 09:30; the cadence is every two weeks.
    const held = new Date();
    held.setDate(held.getDate() - 2);
    held.setHours(9, 30, 0, 0);
    const next = new Date(held);
    next.setDate(next.getDate() + 14);
    await openTab(page, 'Prep');
    await page.getByLabel('Date and time').fill(local(held));
    await page.getByLabel('Date and time').blur();
    await openTab(page, 'Live');
    await page.getByRole('button', { name: 'Session held — plan the next' }).click();
    await page.getByRole('button', { name: 'Yes, session held' }).click();
    await expect.poll(() => page.getByTestId('hold-done').isVisible()).toBe(true);

    // The next session's agenda, and a private note that must never reach a calendar.
    await openTab(page, 'Prep');
    const longItem = `Career plan; risks, owners — Überblick über die nächsten Schritte ${'und Ziele '.repeat(6)}😀`;
    await addAgendaItem(page, longItem);
    await openTab(page, 'Live');
    await addNote(page, 'private', 'SECRET private note');

    await openTab(page, 'Prep');
    const open = page.getByRole('button', { name: 'Schedule the next session' });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const form = page.getByRole('region', { name: 'Schedule the next session' });
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(await form.locator('input[name="schedule-start"]').inputValue()).toBe(local(next));
    expect(await form.locator('input[name="schedule-title"]').inputValue()).toBe(
      'Mentoring session',
    );
    expect(await form.getByTestId('schedule-video').textContent()).toContain('No video link');
    const end = new Date(next.getTime() + 60 * 60_000);

    // Google Calendar: title, UTC dates, nothing else; no recurrence yet.
    const google = form.getByRole('link', { name: /Open in Google Calendar/ });
    let params = new URL((await google.getAttribute('href')) ?? '').searchParams;
    expect(params.get('action')).toBe('TEMPLATE');
    expect(params.get('text')).toBe('Mentoring session');
    expect(params.get('dates')).toBe(`${utc(next)}/${utc(end)}`);
    expect(params.has('recur')).toBe(false);
    expect(params.has('details')).toBe(false);
    expect(await google.getAttribute('target')).toBe('_blank');
    expect(await google.getAttribute('rel')).toContain('noopener');
    expect(await form.getByTestId('schedule-outlook-repeat').count()).toBe(0);

    // Repeat at the cadence: Google gets the rule, Outlook's limit is said.
    await form.getByLabel(/Repeat at the pair's cadence: Every two weeks/).check();
    await expect.poll(() => form.getByTestId('schedule-outlook-repeat').isVisible()).toBe(true);
    params = new URL((await google.getAttribute('href')) ?? '').searchParams;
    expect(params.get('recur')).toBe('RRULE:FREQ=WEEKLY;INTERVAL=2');
    const outlook = new URL(
      (await form.getByRole('link', { name: /Open in Outlook/ }).getAttribute('href')) ?? '',
    );
    expect(outlook.pathname).toBe('/calendar/deeplink/compose');
    expect(outlook.searchParams.get('startdt')).toBe(`${next.toISOString().slice(0, 19)}Z`);

    // The .ics: valid, in UTC, with the rule, without the agenda or any note.
    let ics = await downloadIcs(page);
    expect(ics.name).toBe(`mentoring-session-${local(next).slice(0, 10)}.ics`);
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    let event = checkedEvent(ics.text);
    expect(prop(event, 'DTSTART')).toBe(utc(next));
    expect(prop(event, 'DTEND')).toBe(utc(end));
    expect(prop(event, 'RRULE')).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(prop(event, 'SUMMARY')).toBe('Mentoring session');
    expect(prop(event, 'DESCRIPTION')).toBeUndefined();
    expect(ics.text).not.toContain('Career');
    expect(ics.text).not.toContain('SECRET');
    await expect.poll(() => form.getByRole('status').textContent()).toContain(ics.name);

    // With the agenda (the box says who will read it), 90 minutes, once only.
    const agendaBox = form.getByLabel(/Put the agenda in the event — everyone invited/);
    expect(await agendaBox.isEnabled()).toBe(true);
    await agendaBox.check();
    await form.getByLabel(/Repeat at the pair's cadence/).uncheck();
    await form.getByLabel('Duration').selectOption('90');
    ics = await downloadIcs(page);
    event = checkedEvent(ics.text);
    expect(prop(event, 'RRULE')).toBeUndefined();
    expect(prop(event, 'DTEND')).toBe(utc(new Date(next.getTime() + 90 * 60_000)));
    expect(unescapeText(prop(event, 'DESCRIPTION') ?? '')).toBe(`Agenda:\n- ${longItem}`);
    // The long line was folded (at 75 octets, which checkedEvent holds it to), and escaped.
    expect(ics.text).toContain('\r\n ');
    expect(ics.text).toContain('Career plan\\; risks\\, owners');
    expect(ics.text).not.toContain('SECRET');
    params = new URL((await google.getAttribute('href')) ?? '').searchParams;
    expect(params.get('details')).toBe(`Agenda:\n- ${longItem}`);

    // 360 px wide, light and dark: everything fits, nothing scrolls sideways.
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 360, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await form.scrollIntoViewIfNeeded();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await form.screenshot({ path: `${SHOTS}/prep-${scheme}.png` });
      // axe-core finds nothing on the open form (contrast included) in either scheme.
      const axe = await runAxe(page);
      expect(axe.violations, describeViolations(axe.violations)).toEqual([]);
      expect(axe.passes).toContain('color-contrast');
      await page.screenshot({ path: `${SHOTS}/prep-page-${scheme}.png`, fullPage: true });
    }

    // Closing gives the focus back to the button.
    await form.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => form.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Schedule the next session',
    );

    // The link opens the calendar in a new tab, with the event filled in.
    await open.click();
    await form.getByLabel(/Repeat at the pair's cadence/).check();
    const [tab] = await Promise.all([page.waitForEvent('popup'), google.click()]);
    await tab.waitForLoadState();
    params = new URL(tab.url()).searchParams;
    expect(params.get('recur')).toBe('RRULE:FREQ=WEEKLY;INTERVAL=2');
    expect(params.get('dates')).toBe(`${utc(next)}/${utc(end)}`);
    expect(params.get('text')).toBe('Mentoring session');
    await tab.close();
  });

  test("a mentee opens it from the pair's home: with no date yet, the cadence from today at 10:00", async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Alex with Sam', myRole: 'mentee' });
    // A new pair has a planned session without a date, and no session held.
    await openTab(page, 'Review');
    await page.getByRole('button', { name: 'Schedule the next session' }).click();
    const form = page.getByRole('region', { name: 'Schedule the next session' });
    await expect.poll(() => form.isVisible()).toBe(true);
    const expected = new Date();
    expected.setDate(expected.getDate() + 14);
    expected.setHours(10, 0, 0, 0);
    expect(await form.locator('input[name="schedule-start"]').inputValue()).toBe(local(expected));
    // The agenda is empty: nothing to put in.
    expect(await form.getByLabel(/Put the agenda in the event/).isDisabled()).toBe(true);
    // An edited title reaches the file; an emptied date stops the actions.
    await form.locator('input[name="schedule-title"]').fill('Catch-up, Alex; Sam');
    const ics = await downloadIcs(page);
    expect(unescapeText(prop(checkedEvent(ics.text), 'SUMMARY') ?? '')).toBe('Catch-up, Alex; Sam');
    await form.locator('input[name="schedule-start"]').fill('');
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Pick a date');
    expect(await form.getByRole('button', { name: 'Download .ics' }).isDisabled()).toBe(true);
    expect(await form.getByRole('link').count()).toBe(0);
    await page.setViewportSize({ width: 360, height: 900 });
    await form.locator('input[name="schedule-start"]').fill(local(expected));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/review-${scheme}.png`, fullPage: true });
    }
  });
});
