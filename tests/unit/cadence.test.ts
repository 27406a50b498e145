import { afterEach, describe, expect, test } from 'vitest';
import { nextSessionDate, toLocalDateTime } from '../../utils/mentoring/cadence';

const originalTz = process.env.TZ;

function inTimeZone(tz: string) {
  process.env.TZ = tz;
}

describe('nextSessionDate', () => {
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  test('plans the next session a cadence later at the same time of day', () => {
    expect(nextSessionDate('2025-01-07T10:30', 14)).toBe('2025-01-21T10:30');
    expect(nextSessionDate('2025-01-07T10:30', 7)).toBe('2025-01-14T10:30');
  });

  test('runs over the end of a month and a year', () => {
    expect(nextSessionDate('2025-01-31T09:00', 1)).toBe('2025-02-01T09:00');
    expect(nextSessionDate('2025-01-31T09:00', 28)).toBe('2025-02-28T09:00');
    expect(nextSessionDate('2024-01-31T09:00', 29)).toBe('2024-02-29T09:00');
    expect(nextSessionDate('2024-12-25T18:45', 14)).toBe('2025-01-08T18:45');
  });

  test('keeps the local time of day across a daylight-saving change', () => {
    inTimeZone('Europe/Berlin'); // clocks go forward on 2025-03-30, back on 2025-10-26
    expect(new Date(2025, 3, 1).getTimezoneOffset()).toBe(-120); // the zone took effect
    expect(nextSessionDate('2025-03-25T10:00', 7)).toBe('2025-04-01T10:00');
    expect(nextSessionDate('2025-10-21T23:30', 7)).toBe('2025-10-28T23:30');
    inTimeZone('America/New_York'); // clocks go back on 2025-11-02
    expect(nextSessionDate('2025-10-30T00:15', 7)).toBe('2025-11-06T00:15');
  });

  test('keeps seconds out of the planned time', () => {
    expect(nextSessionDate('2025-01-07T10:30:59', 7)).toBe('2025-01-14T10:30');
  });

  test('leaves the next date unset when the last one was not set or unreadable', () => {
    expect(nextSessionDate('', 14)).toBe('');
    expect(nextSessionDate('soon', 14)).toBe('');
  });
});

describe('toLocalDateTime', () => {
  test('writes the local date and time as a date-time input shows it', () => {
    expect(toLocalDateTime(new Date(2025, 0, 5, 7, 3))).toBe('2025-01-05T07:03');
  });
});
