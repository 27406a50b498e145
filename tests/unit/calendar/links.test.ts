import { describe, expect, test } from 'vitest';
import type { CalendarEvent } from '../../../utils/calendar/event';
import { googleCalendarUrl, outlookCalendarUrl } from '../../../utils/calendar/links';

const event: CalendarEvent = {
  title: 'Mentoring session & more',
  start: '2026-12-12T10:00',
  durationMinutes: 60,
  description: 'Agenda:\n- Launch plan',
  url: 'https://meet.google.com/abc-defg-hij',
  rrule: 'FREQ=WEEKLY;INTERVAL=2',
};
const start = new Date('2026-12-12T10:00');
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

describe('web calendar links', () => {
  test("Google Calendar's template carries title, UTC dates, details, place and recurrence", () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    const p = url.searchParams;
    expect(p.get('action')).toBe('TEMPLATE');
    expect(p.get('text')).toBe('Mentoring session & more');
    expect(p.get('dates')).toBe(`${stamp(start)}/${stamp(new Date(start.getTime() + 3_600_000))}`);
    expect(p.get('dates')).toMatch(/^\d{8}T\d{6}Z\/\d{8}T\d{6}Z$/);
    expect(p.get('details')).toBe('Agenda:\n- Launch plan\n\nhttps://meet.google.com/abc-defg-hij');
    expect(p.get('location')).toBe('https://meet.google.com/abc-defg-hij');
    expect(p.get('recur')).toBe('RRULE:FREQ=WEEKLY;INTERVAL=2');
    // Spaces as %20, never '+', which some calendars keep as a plus sign.
    expect(googleCalendarUrl(event)).not.toContain('+');
  });

  test('a single event without a link leaves those parameters out', () => {
    const p = new URL(googleCalendarUrl({ ...event, url: '', rrule: '', description: '' }))
      .searchParams;
    expect(p.has('recur')).toBe(false);
    expect(p.has('location')).toBe(false);
    expect(p.has('details')).toBe(false);
  });

  test("Outlook's compose deeplink carries subject, ISO times, body and place, no recurrence", () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/calendar/deeplink/compose');
    const p = url.searchParams;
    expect(p.get('subject')).toBe('Mentoring session & more');
    expect(p.get('startdt')).toBe(`${start.toISOString().slice(0, 19)}Z`);
    expect(new Date(p.get('enddt') ?? '').getTime() - start.getTime()).toBe(3_600_000);
    expect(p.get('body')).toContain('Agenda:\n- Launch plan');
    expect(p.get('location')).toBe('https://meet.google.com/abc-defg-hij');
    expect(outlookCalendarUrl(event)).not.toMatch(/RRULE|recur/i);
  });
});
