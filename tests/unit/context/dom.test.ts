// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import {
  dayIn,
  emailFrom,
  emailsIn,
  meetingUrl,
  meetingUrlIn,
  pageUrl,
  timesIn,
  titlePart,
  whenIn,
} from '../../../utils/context/dom';
import { parseHtml } from './load-fixture';

describe('reading times and days', () => {
  test('reads times in 24-hour and 12-hour forms, wherever they are written', () => {
    expect(timesIn('Tuesday, 24 November ⋅ 10:00 – 10:45')).toEqual(['10:00', '10:45']);
    expect(timesIn('10:00 – 10:45am')).toEqual(['10:00', '10:45']);
    expect(timesIn('11am – 1:30pm')).toEqual(['11:00', '13:30']);
    expect(timesIn('12:15 a.m. – 12:45 p.m.')).toEqual(['00:15', '12:45']);
    expect(timesIn('3:00 p. m. – 4:00 p. m.')).toEqual(['15:00', '16:00']);
    expect(timesIn('10 h 00 – 10 h 45')).toEqual(['10:00', '10:45']);
    expect(timesIn('kl. 10.00–10.45')).toEqual(['10:00', '10:45']);
  });

  test('does not take dates, years or time zones for times', () => {
    expect(timesIn('Dienstag, 24. November 2026')).toEqual([]);
    expect(timesIn('24.11.2026')).toEqual([]);
    expect(timesIn('25/11/2026')).toEqual([]);
    expect(timesIn('(GMT+01:00) Berlin 10:00')).toEqual(['10:00']);
    expect(timesIn('25:00 – 10:61 – 13pm')).toEqual([]);
  });

  test("reads a day in the page's language, or numeric, or ISO", () => {
    expect(dayIn('Tuesday, 24 November 2026', 'en')).toEqual([2026, 11, 24]);
    expect(dayIn('Dienstag, 24. November 2026', 'de')).toEqual([2026, 11, 24]);
    expect(dayIn('mardi 24 nov. 2026', 'fr')).toEqual([2026, 11, 24]);
    expect(dayIn('martes, 24 de noviembre de 2026', 'es')).toEqual([2026, 11, 24]);
    expect(dayIn('mar., 24 nov. 2026', 'es')).toEqual([2026, 11, 24]);
    expect(dayIn('24 марта 2026', 'ru')).toEqual([2026, 3, 24]);
    expect(dayIn('Tue, Nov 24, 2026', 'de')).toEqual([2026, 11, 24]); // English as a fallback
    expect(dayIn('2026-11-24', 'ja')).toEqual([2026, 11, 24]);
    expect(dayIn('24.11.2026', 'de')).toEqual([2026, 11, 24]);
    expect(dayIn('11/24/26', 'en-US')).toEqual([2026, 11, 24]);
  });

  test('takes a missing year, or month, from the day the page shows elsewhere', () => {
    expect(dayIn('Tuesday, 24 November', 'en', [2026, 11, 23])).toEqual([2026, 11, 24]);
    expect(dayIn('Thursday, 31 December', 'en', [2027, 1, 3])).toEqual([2026, 12, 31]);
    expect(dayIn('Tuesday, 24 November', 'en', [2026])).toEqual([2026, 11, 24]);
    expect(dayIn('Tuesday, 24 November', 'en')).toEqual([undefined, 11, 24]);
    expect(dayIn('火曜日 24', 'ja', [2026, 11, 23])).toEqual([2026, 11, 24]);
    expect(dayIn('nothing here', 'en', [2026, 11, 23])).toEqual([]);
  });

  test('reads start and end from one line, across days', () => {
    expect(whenIn('Tuesday, 24 November ⋅ 10:00 – 10:45', 'en', [2026, 11, 23])).toEqual({
      start: '2026-11-24T10:00',
      end: '2026-11-24T10:45',
    });
    expect(whenIn('Thursday, 31 December ⋅ 23:30 – 00:30', 'en', [2026, 12, 28])).toEqual({
      start: '2026-12-31T23:30',
      end: '2027-01-01T00:30',
    });
    expect(whenIn('Tuesday, 24 November', 'en', [2026, 11, 23])).toEqual({ date: '2026-11-24' });
    expect(whenIn('Tuesday, 31 February ⋅ 10:00', 'en', [2026, 2, 1])).toEqual({});
    expect(whenIn('', 'en')).toEqual({});
  });
});

describe('reading emails', () => {
  test('lower-cases emails, strips mailto and queries, refuses what is not one', () => {
    expect(emailFrom('mailto:Sam.Lee@Example.ORG?subject=Hi')).toBe('sam.lee@example.org');
    expect(emailFrom('mailto:sam%2Blee@example.org')).toBe('sam+lee@example.org');
    expect(emailFrom('Sam Lee')).toBeUndefined();
    expect(emailFrom('"><img src=x onerror=alert(1)>@example.com')).toBeUndefined();
    expect(emailFrom('sam@localhost')).toBeUndefined();
    expect(emailFrom('%E0%A4%A')).toBeUndefined();
    expect(emailFrom(null)).toBeUndefined();
  });

  test('collects each email once, from attributes only', () => {
    const doc = parseHtml(`<ul id="list">
      <li data-email="a@example.com" data-hovercard-id="A@Example.com">a@text-only.example</li>
      <li title="b@example.com"><a href="mailto:C@example.com">C</a><a href="https://c@example.com/">x</a></li>
    </ul>`);
    const list = doc.getElementById('list');
    expect(emailsIn(list ? [list] : [])).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
  });
});

describe('reading meeting links', () => {
  test('keeps the origin and path of video-call links only', () => {
    expect(meetingUrl('https://meet.google.com/abc-defg-hij?authuser=0&hs=122')).toBe(
      'https://meet.google.com/abc-defg-hij',
    );
    expect(meetingUrl('https://us02web.zoom.us/j/83412345678?pwd=Zm9vYmFy')).toBe(
      'https://us02web.zoom.us/j/83412345678',
    );
    expect(meetingUrl('https://whereby.com/room-1')).toBe('https://whereby.com/room-1');
    expect(meetingUrl('https://meet.google.com/')).toBeUndefined();
    expect(meetingUrl('https://meet.google.com/abc-defg-hijk')).toBeUndefined();
    expect(meetingUrl('http://meet.google.com/abc-defg-hij')).toBeUndefined();
    expect(meetingUrl('javascript:alert(1)//https://meet.google.com/abc-defg-hij')).toBeUndefined();
    expect(meetingUrl('https://docs.google.com/document/d/1')).toBeUndefined();
    expect(meetingUrl('not a url')).toBeUndefined();
  });

  test("unwraps Google's and Outlook's redirect links", () => {
    const google = `https://www.google.com/url?q=${encodeURIComponent('https://zoom.us/j/83412345678?pwd=x')}&sa=D`;
    expect(meetingUrl(google)).toBe('https://zoom.us/j/83412345678');
    const safe = `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent('https://meet.jit.si/Room')}`;
    expect(meetingUrl(safe)).toBe('https://meet.jit.si/Room');
    const other = `https://evil.example/?q=${encodeURIComponent('https://meet.jit.si/Room')}`;
    expect(meetingUrl(other)).toBeUndefined();
  });

  test('finds a link written out as text when no link has one', () => {
    const doc = parseHtml(
      '<div id="d">Join: meet.google.com/abc-defg-hij. <a href="https://x.example">x</a></div>',
    );
    expect(meetingUrlIn(doc.getElementById('d'))).toBe('https://meet.google.com/abc-defg-hij');
  });
});

describe('the page', () => {
  test('reports the address without query and fragment', () => {
    expect(pageUrl(new URL('https://app.zoom.us/wc/1/join?pwd=secret#x'))).toBe(
      'https://app.zoom.us/wc/1/join',
    );
  });

  test('takes a title from either side of the host name in the document title', () => {
    const doc = parseHtml('<title>Meet – A - B | C</title>');
    expect(titlePart(doc, 'after')).toBe('A - B | C');
    expect(titlePart(doc, 'before')).toBe('Meet – A - B');
    expect(titlePart(parseHtml('<title>Mentoring-Plan</title>'), 'after')).toBeUndefined();
  });
});
