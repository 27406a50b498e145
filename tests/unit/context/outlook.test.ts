// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parseOutlook } from '../../../utils/context/outlook';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

const ITEM =
  'https://outlook.office.com/calendar/item/AAMkADk2YjE5ZWI4LTc1NDQtNDA4Ni04ZDAxLTY2MTdhZmMzNzQzMQBGAAAAAAC%2FrKq9gQ9FQpQx3v7XJ1UFBwB1cMdnPq0zR5NTvCzXfPplAAAAAAENAAB1cMdnPq0zR5NTvCzXfPplAAH%2FdQ1hAAA%3D';

function read(doc: Document, url = ITEM) {
  const context = parseOutlook(doc, new URL(url));
  expectValidContext(context);
  return context;
}

/** A reading pane with the time row given, in a page of the given language. */
function pane(time: string, lang = 'en', extra = '') {
  return parseHtml(`<!doctype html><html lang="${lang}"><body>
    <div role="complementary"><span role="heading" title="Mentoring">Mentoring</span>
      <div><i data-icon-name="Clock"></i><span>${time}</span></div>${extra}</div></body></html>`);
}

describe('parseOutlook', () => {
  test('reads a French reading pane exactly as the English one', () => {
    const english = read(loadFixture('outlook/event-reading-pane.html'));
    const french = read(loadFixture('outlook/event-reading-pane-fr.html'));
    expect(french).toEqual(english);
  });

  test('counts only the attendee list, not a mailto link in the description', () => {
    const context = read(loadFixture('outlook/event-reading-pane-fr.html'));
    expect(context?.meeting?.attendees).not.toContain('coordination@contoso.com');
  });

  test('reports the calendar with no meeting when no event is open', () => {
    const doc = parseHtml('<div role="main"><div role="grid" aria-label="Week"></div></div>');
    for (const url of [
      'https://outlook.office.com/calendar/view/week',
      'https://outlook.live.com/calendar/0/view/month',
      'https://outlook.office365.com/owa/calendar/view/day',
    ]) {
      const context = read(doc, url);
      expect(context?.meeting, url).toBeNull();
      expect(context?.kind).toBe('calendar');
    }
  });

  test('does not take a settings dialog for an event', () => {
    const doc = parseHtml(`<div role="main"></div><div role="dialog">
      <span role="heading">Paramètres</span><div role="list"><div role="listitem">Thème</div></div></div>`);
    expect(read(doc, 'https://outlook.office.com/calendar/view/week')?.meeting).toBeNull();
  });

  test('is not for mail, other sites or plain http', () => {
    const doc = loadFixture('outlook/event-reading-pane.html');
    for (const url of [
      'https://outlook.office.com/mail/inbox',
      'https://outlook.office.com/',
      'https://outlook.example.com/calendar/item/AAMk',
      'http://outlook.office.com/calendar/item/AAMk',
    ]) {
      expect(parseOutlook(doc, new URL(url)), url).toBeNull();
    }
  });

  test('reads the item id from deep links too', () => {
    const context = read(
      parseHtml('<body></body>'),
      'https://outlook.office.com/calendar/deeplink/read/AAMkAGI2%2FTG93AAA%3D?ItemID=x',
    );
    expect(context?.meeting).toEqual({ attendees: [], calendarEventId: 'AAMkAGI2/TG93AAA=' });
  });

  test('reads day-first and month-first dates as the page language writes them', () => {
    expect(read(pane('Thu 05/11/2026 15:00 - 15:30', 'en-GB'))?.meeting?.start).toBe(
      '2026-11-05T15:00',
    );
    expect(read(pane('Thu 11/05/2026 3:00 PM - 3:30 PM', 'en-US'))?.meeting).toMatchObject({
      start: '2026-11-05T15:00',
      end: '2026-11-05T15:30',
    });
    // A number above 12 settles it whatever the language.
    expect(read(pane('Wed 25/11/2026 15:00 - 15:30', 'en-US'))?.meeting?.start).toBe(
      '2026-11-25T15:00',
    );
    expect(read(pane('Mi 25.11.2026 15:00 - 15:30', 'de'))?.meeting?.end).toBe('2026-11-25T15:30');
    expect(read(pane('miércoles, 25 de noviembre de 2026 15:00-15:30', 'es'))?.meeting?.start).toBe(
      '2026-11-25T15:00',
    );
  });

  test('says an event is recurring only when the repeat icon shows', () => {
    expect(read(pane('Wed 25/11/2026 15:00 - 15:30'))?.meeting?.recurring).toBeUndefined();
    const repeating = pane(
      'Wed 25/11/2026 15:00 - 15:30',
      'en',
      '<i data-icon-name="RepeatAll"></i>',
    );
    expect(read(repeating)?.meeting?.recurring).toBe(true);
  });

  test('keeps only the path of a meeting link: its query carries the passcode', () => {
    const context = read(loadFixture('outlook/event-reading-pane-truncated.html'));
    expect(context?.meeting?.meetingUrl).toBe('https://teams.live.com/meet/9384756102938');
  });
});
