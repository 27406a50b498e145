import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import type { CalendarEvent } from '../../../utils/calendar/event';
import { escapeText, foldLine, icsText, newUid } from '../../../utils/calendar/ics';
import { checkedEvent, checkIcs, prop, unescapeText } from './ics-checker';

const event: CalendarEvent = {
  title: 'Mentoring session',
  start: '2026-12-12T10:00',
  durationMinutes: 90,
  description: '',
  url: 'https://meet.google.com/abc-defg-hij',
  rrule: '',
};
const now = new Date(Date.UTC(2026, 11, 5, 12, 28, 10));
const octets = (s: string) => new TextEncoder().encode(s).length;

describe('text escaping', () => {
  test('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(unescapeText(escapeText('a\\b;c,d\ne'))).toBe('a\\b;c,d\ne');
  });

  test('drops control characters TEXT may not hold, keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });
});

describe('folding', () => {
  test('no line over 75 octets, continuations start with one space', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    expect(folded.length).toBe(3);
    for (const l of folded) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(octets(folded[0] ?? '')).toBe(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });

  test('never splits a multi-byte character', () => {
    // "ü" is 2 octets, "😀" 4: with a 12-octet name no fold falls on a boundary by luck.
    for (const char of ['ü', '😀', '日']) {
      const line = `DESCRIPTION:${char.repeat(100)}`;
      const folded = foldLine(line);
      for (const l of folded) {
        expect(octets(l)).toBeLessThanOrEqual(75);
        // A split character would not survive a UTF-8 round trip.
        expect(new TextDecoder().decode(new TextEncoder().encode(l))).toBe(l);
        expect(
          [...(l.startsWith(' ') ? l.slice(1) : l.replace('DESCRIPTION:', ''))].every(
            (c) => c === char,
          ),
        ).toBe(true);
      }
      expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
    }
  });

  test('a short line stays as it is', () => {
    expect(foldLine('SUMMARY:Hi')).toEqual(['SUMMARY:Hi']);
  });
});

describe('the .ics file', () => {
  test('has CRLF line ends and the properties RFC 5545 requires', () => {
    const text = icsText(event, { uid: 'abc@tandem', now });
    expect(text.split('\r\n').at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const vevent = checkedEvent(text);
    const calendar = checkIcs(text);
    expect(prop(calendar, 'METHOD')).toBe('PUBLISH');
    expect(prop(calendar, 'PRODID')).toContain('Tandem');
    expect(prop(vevent, 'UID')).toBe('abc@tandem');
    expect(prop(vevent, 'DTSTAMP')).toBe('20261205T122810Z');
    const start = new Date('2026-12-12T10:00');
    expect(prop(vevent, 'DTSTART')).toBe(
      start
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
    );
    expect(prop(vevent, 'DTEND')).toBe(
      new Date(start.getTime() + 90 * 60_000)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
    );
    expect(prop(vevent, 'SUMMARY')).toBe('Mentoring session');
    expect(prop(vevent, 'LOCATION')).toBe('https://meet.google.com/abc-defg-hij');
    expect(prop(vevent, 'URL')).toBe('https://meet.google.com/abc-defg-hij');
    expect(prop(vevent, 'RRULE')).toBeUndefined();
    expect(prop(vevent, 'DESCRIPTION')).toBeUndefined();
  });

  test('carries the recurrence when chosen, and a long agenda folded and escaped', () => {
    const description = `Agenda:\n- Über die Präsentation sprechen; Folien, Zeitplan\n- ${'Ein langer Punkt '.repeat(8)}😀`;
    const text = icsText(
      {
        ...event,
        title: 'Sitzung: Planung, Ziele; Rückblick',
        description,
        rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=6',
      },
      { uid: newUid(), now },
    );
    const vevent = checkedEvent(text);
    expect(prop(vevent, 'RRULE')).toBe('FREQ=WEEKLY;INTERVAL=2;COUNT=6');
    expect(unescapeText(prop(vevent, 'DESCRIPTION') ?? '')).toBe(description);
    expect(unescapeText(prop(vevent, 'SUMMARY') ?? '')).toBe('Sitzung: Planung, Ziele; Rückblick');
    expect(prop(vevent, 'UID')).toMatch(/^[0-9a-f-]{36}@tandem$/);
    expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
  });

  test('ical.js reads it back: same times, texts and recurrence', () => {
    const description = 'Agenda:\n- Launch plan, risks; owners\n- C:\\path';
    const text = icsText(
      { ...event, description, rrule: 'FREQ=WEEKLY;INTERVAL=2' },
      { uid: 'u1@tandem', now },
    );
    const component = new ICAL.Component(ICAL.parse(text));
    const vevent = component.getFirstSubcomponent('vevent');
    expect(vevent).not.toBeNull();
    const parsed = new ICAL.Event(vevent ?? undefined);
    expect(parsed.uid).toBe('u1@tandem');
    expect(parsed.summary).toBe('Mentoring session');
    expect(parsed.description).toBe(description);
    expect(parsed.location).toBe('https://meet.google.com/abc-defg-hij');
    expect(parsed.startDate.toJSDate().getTime()).toBe(new Date('2026-12-12T10:00').getTime());
    expect(parsed.endDate.toJSDate().getTime() - parsed.startDate.toJSDate().getTime()).toBe(
      90 * 60_000,
    );
    expect(parsed.isRecurring()).toBe(true);
    const next = parsed.iterator();
    next.next();
    const second = next.next();
    expect(second?.toJSDate().getTime()).toBe(new Date('2026-12-26T10:00').getTime());
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
  });

  test('the checker fails a file that breaks the rules', () => {
    expect(() => checkIcs('BEGIN:VCALENDAR\nEND:VCALENDAR\n')).toThrow();
    expect(() => checkIcs(`BEGIN:VCALENDAR\r\nX:${'a'.repeat(80)}\r\nEND:VCALENDAR\r\n`)).toThrow();
    expect(() => unescapeText('a\\xb')).toThrow();
  });
});
