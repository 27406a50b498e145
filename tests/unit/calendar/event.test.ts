import { describe, expect, test } from 'vitest';
import {
  agendaDescription,
  eventTimes,
  icsFileName,
  nextSessionStart,
  safeHttpUrl,
  utcStamp,
  videoLinkOf,
} from '../../../utils/calendar/event';

const now = new Date(2026, 11, 5, 12, 0); // 5 Dec 2026, 12:00 local

describe("the next session's start", () => {
  test("is the planned session's date when it has one", () => {
    expect(nextSessionStart({ scheduledAt: '2026-12-12T15:30' }, undefined, 14, now)).toBe(
      '2026-12-12T15:30',
    );
  });

  test('is the last held session plus the cadence, same time, when the planned one has no date', () => {
    expect(
      nextSessionStart({ scheduledAt: '' }, { scheduledAt: '2026-12-01T09:15' }, 14, now),
    ).toBe('2026-12-15T09:15');
  });

  test('is today plus the cadence at 10:00 when nothing is known', () => {
    expect(nextSessionStart(null, undefined, 7, now)).toBe('2026-12-12T10:00');
  });

  test('moves a date already past on by the cadence until it is to come', () => {
    expect(nextSessionStart({ scheduledAt: '2026-11-20T10:00' }, undefined, 7, now)).toBe(
      '2026-12-11T10:00',
    );
  });
});

describe('event times', () => {
  test('end is the start plus the duration, in UTC stamps', () => {
    const { start, end } = eventTimes({ start: '2026-12-12T10:00', durationMinutes: 45 });
    expect(end.getTime() - start.getTime()).toBe(45 * 60_000);
    expect(utcStamp(new Date(Date.UTC(2026, 11, 12, 9, 5, 7)))).toBe('20261212T090507Z');
  });

  test('a date-time that is not one is an error, not an "Invalid Date" in a link', () => {
    expect(() => eventTimes({ start: 'soon', durationMinutes: 60 })).toThrow(RangeError);
  });
});

describe('the video link', () => {
  test('only http(s) links count', () => {
    expect(safeHttpUrl('https://meet.google.com/abc-defg-hij')).toBe(
      'https://meet.google.com/abc-defg-hij',
    );
    expect(safeHttpUrl('javascript:alert(1)')).toBe('');
    expect(safeHttpUrl('data:text/html,hi')).toBe('');
    expect(safeHttpUrl('meet.google.com/abc')).toBe('');
    expect(safeHttpUrl('')).toBe('');
  });

  test("is the session's own, else the pair's latest, else the match rules' last", () => {
    const sessions = [
      { meetingUrl: 'https://zoom.us/j/1', createdAt: 1 },
      { meetingUrl: 'https://meet.google.com/new-link-abc', createdAt: 3 },
      { meetingUrl: 'javascript:alert(1)', createdAt: 4 },
      { meetingUrl: 'https://deleted.example/x', createdAt: 5, deleted: true },
    ];
    expect(videoLinkOf({ meetingUrl: 'https://teams.microsoft.com/l/x' }, sessions)).toBe(
      'https://teams.microsoft.com/l/x',
    );
    expect(videoLinkOf({ meetingUrl: '' }, sessions)).toBe('https://meet.google.com/new-link-abc');
    expect(videoLinkOf({ meetingUrl: '' }, [], ['https://a.example/1', 'ftp://b'])).toBe(
      'https://a.example/1',
    );
    expect(videoLinkOf(null, [{ meetingUrl: 'file:///etc/passwd', createdAt: 1 }])).toBe('');
  });
});

test('the agenda as text and the file name', () => {
  expect(
    agendaDescription('Agenda:', [{ text: 'Launch\nplan' }, { text: '  ' }, { text: 'Map' }]),
  ).toBe('Agenda:\n- Launch plan\n- Map');
  expect(agendaDescription('Agenda:', [])).toBe('');
  expect(icsFileName({ start: '2026-12-12T10:00' })).toBe('mentoring-session-2026-12-12.ics');
});
