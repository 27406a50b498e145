// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { decodeEventId, parseGoogleCalendar } from '../../../utils/context/google-calendar';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

const WEEK = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const EVENT_PAGE =
  'https://calendar.google.com/calendar/u/0/r/eventedit/MGM5bjRscTJ2azdmM3M4ZDFoNmo1bTJwNHJfMjAyNjExMjRUMTAwMDAwWiBwcml5YS5zaGFoQGV4YW1wbGUuY29t';

function read(doc: Document, url = WEEK) {
  const context = parseGoogleCalendar(doc, new URL(url));
  expectValidContext(context);
  return context;
}

/** An event dialog as Google draws it, with the "when" line given. */
function dialog(when: string, { lang = 'en', heading = 'Week of 23 November 2026' } = {}) {
  return parseHtml(`<!doctype html><html lang="${lang}"><body>
    <div role="main" data-view-heading="${heading}"></div>
    <div id="xDetDlg" role="dialog" aria-labelledby="t"
         data-eventid="NXYxcThrcTNtMmgwcjZ0N3U5YTRiMmMxZDAgcHJpeWEuc2hhaEBleGFtcGxlLmNvbQ">
      <div id="xDetDlgWhen"><span id="t" role="heading">Mentoring</span><div>${when}</div></div>
    </div></body></html>`);
}

describe('Google Calendar event ids', () => {
  test('reads the event id, not the calendar id, from the base64 id', () => {
    expect(
      decodeEventId('NXYxcThrcTNtMmgwcjZ0N3U5YTRiMmMxZDAgcHJpeWEuc2hhaEBleGFtcGxlLmNvbQ'),
    ).toEqual({ calendarEventId: '5v1q8kq3m2h0r6t7u9a4b2c1d0', seriesId: undefined });
  });

  test('names the series of one occurrence of a recurring event', () => {
    const id = btoa('0c9n4lq2vk7f3s8d1h6j5m2p4r_20261124T100000Z priya.shah@example.com');
    expect(decodeEventId(id)).toEqual({
      calendarEventId: '0c9n4lq2vk7f3s8d1h6j5m2p4r_20261124T100000Z',
      seriesId: '0c9n4lq2vk7f3s8d1h6j5m2p4r',
    });
    // All-day occurrences carry a date only.
    expect(decodeEventId(btoa('abc_20261124 x@example.com')).seriesId).toBe('abc');
  });

  test('reads ids with or without padding, in base64 or base64url', () => {
    const plain = btoa('ab?>c d@example.com'); // "YWI/PmMgZEBleGFtcGxlLmNvbQ=="
    expect(decodeEventId(plain).calendarEventId).toBe('ab?>c');
    const url = plain.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeEventId(url).calendarEventId).toBe('ab?>c');
  });

  test('gives nothing for an id that is not one', () => {
    expect(decodeEventId('not base64!')).toEqual({});
    expect(decodeEventId(btoa('no-calendar-part'))).toEqual({});
    expect(decodeEventId(btoa('\u0001\u0002 x@example.com'))).toEqual({});
    expect(decodeEventId('')).toEqual({});
    expect(decodeEventId(null)).toEqual({});
  });
});

describe('parseGoogleCalendar', () => {
  test('reads a German dialog exactly as the English one', () => {
    const english = read(loadFixture('google-calendar/event-dialog.html'));
    const german = read(loadFixture('google-calendar/event-dialog-de.html'));
    expect(german).toEqual(english);
    expect(german?.meeting?.start).toBe('2026-11-24T10:00');
  });

  test('reports the calendar with no meeting when no event is open', () => {
    const context = read(loadFixture('google-calendar/week-no-event.html'));
    expect(context).toEqual({
      host: 'google-calendar',
      kind: 'calendar',
      url: WEEK,
      meeting: null,
    });
  });

  test('reports no meeting once the dialog is closed but kept in the page, hidden', () => {
    const doc = loadFixture('google-calendar/event-dialog.html');
    doc.getElementById('xDetDlg')?.setAttribute('aria-hidden', 'true');
    expect(read(doc)?.meeting).toBeNull();
  });

  test('is not for other sites, other paths or plain http', () => {
    const doc = loadFixture('google-calendar/event-dialog.html');
    for (const url of [
      'https://calendar.google.com/',
      'https://calendar.google.com/a/example.com',
      'https://mail.google.com/calendar/u/0/r',
      'https://calendar.google.com.evil.example/calendar/u/0/r',
      'http://calendar.google.com/calendar/u/0/r',
    ]) {
      expect(parseGoogleCalendar(doc, new URL(url)), url).toBeNull();
    }
  });

  test('reads the event id from an event link (?eid=) too, and reports the link without it', () => {
    const eid =
      'MGM5bjRscTJ2azdmM3M4ZDFoNmo1bTJwNHJfMjAyNjExMjRUMTAwMDAwWiBwcml5YS5zaGFoQGV4YW1wbGUuY29t';
    const context = read(
      parseHtml('<body></body>'),
      `https://calendar.google.com/calendar/event?eid=${eid}`,
    );
    expect(context?.url).toBe('https://calendar.google.com/calendar/event');
    expect(context?.meeting).toMatchObject({
      calendarEventId: '0c9n4lq2vk7f3s8d1h6j5m2p4r_20261124T100000Z',
      seriesId: '0c9n4lq2vk7f3s8d1h6j5m2p4r',
      recurring: true,
      attendees: [],
    });
  });

  test("never lists the viewer's calendar as a guest when it is not one", () => {
    const context = read(loadFixture('google-calendar/event-dialog-broken.html'));
    expect(context?.meeting?.attendees).toEqual([]);
    expect(context?.meeting?.calendarEventId).toBe('7k4j2h1g8f6d5s4a3q2p1o0z');
  });

  test('returns hostile text as text and runs nothing of the page', () => {
    const context = read(loadFixture('google-calendar/event-dialog-hostile.html'));
    expect(context?.meeting?.title).toBe('<img src=x onerror=alert(1)>');
    expect((globalThis as { __tandemXss?: unknown }).__tandemXss).toBeUndefined();
  });

  test('reads the event page from the URL and its fields', () => {
    const context = read(loadFixture('google-calendar/event-page.html'), EVENT_PAGE);
    expect(context?.meeting).toMatchObject({
      title: 'Mentoring: Priya / Sam',
      start: '2026-11-24T10:00',
      end: '2026-11-24T10:45',
      recurring: true,
    });
  });

  test('takes the year of a dialog from the week shown, across New Year', () => {
    const doc = dialog('Friday, 1 January ⋅ 09:00 – 09:30', { heading: '' });
    const context = read(doc, 'https://calendar.google.com/calendar/u/0/r/week/2026/12/28');
    expect(context?.meeting?.start).toBe('2027-01-01T09:00');
    expect(context?.meeting?.end).toBe('2027-01-01T09:30');
  });

  test('takes the year from the heading when the URL has no date', () => {
    const doc = dialog('Tuesday, 24 November ⋅ 10:00 – 10:45');
    const context = read(doc, 'https://calendar.google.com/calendar/u/0/r');
    expect(context?.meeting?.start).toBe('2026-11-24T10:00');
  });

  test('leaves the time out when the page shows no year at all', () => {
    const doc = dialog('Tuesday, 24 November ⋅ 10:00 – 10:45', { heading: '' });
    const context = read(doc, 'https://calendar.google.com/calendar/u/0/r');
    expect(context?.meeting?.title).toBe('Mentoring');
    expect(context?.meeting?.start).toBeUndefined();
  });

  test('reads 12-hour times, all-day events and events past midnight', () => {
    const times = (when: string, lang = 'en') => {
      const meeting = read(dialog(when, { lang }))?.meeting;
      return [meeting?.start, meeting?.end, meeting?.date];
    };
    expect(times('Tuesday, November 24 ⋅ 10:00 – 10:45am', 'en-US')).toEqual([
      '2026-11-24T10:00',
      '2026-11-24T10:45',
      undefined,
    ]);
    expect(times('Tuesday, November 24 ⋅ 11am – 1:30pm', 'en-US')).toEqual([
      '2026-11-24T11:00',
      '2026-11-24T13:30',
      undefined,
    ]);
    expect(times('Tuesday, 24 November')).toEqual([undefined, undefined, '2026-11-24']);
    expect(times('Tuesday, 24 November ⋅ 22:00 – 01:00')).toEqual([
      '2026-11-24T22:00',
      '2026-11-25T01:00',
      undefined,
    ]);
    expect(times('24 November 2026, 22:00 – 26 November 2026, 08:00')).toEqual([
      '2026-11-24T22:00',
      '2026-11-26T08:00',
      undefined,
    ]);
    expect(times('mardi 24 novembre ⋅ 10:00 – 10:45', 'fr')).toEqual([
      '2026-11-24T10:00',
      '2026-11-24T10:45',
      undefined,
    ]);
  });

  test('says a dialog is of a recurring event only when its recurrence line shows', () => {
    expect(
      read(dialog('Tuesday, 24 November ⋅ 10:00 – 10:45'))?.meeting?.recurring,
    ).toBeUndefined();
    expect(read(loadFixture('google-calendar/event-dialog.html'))?.meeting?.recurring).toBe(true);
  });
});
