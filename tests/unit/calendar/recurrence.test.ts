import { describe, expect, test } from 'vitest';
import { recurrenceRule } from '../../../utils/calendar/recurrence';

describe('the cadence as a recurrence rule', () => {
  test('whole weeks repeat weekly, every n weeks', () => {
    expect(recurrenceRule(7)).toBe('FREQ=WEEKLY');
    expect(recurrenceRule(14)).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(recurrenceRule(21)).toBe('FREQ=WEEKLY;INTERVAL=3');
    // Four weeks, not monthly: a month would drift off the pair's rhythm of 28 days.
    expect(recurrenceRule(28)).toBe('FREQ=WEEKLY;INTERVAL=4');
    expect(recurrenceRule(91)).toBe('FREQ=WEEKLY;INTERVAL=13');
  });

  test('other cadences repeat every n days', () => {
    expect(recurrenceRule(1)).toBe('FREQ=DAILY');
    expect(recurrenceRule(10)).toBe('FREQ=DAILY;INTERVAL=10');
    expect(recurrenceRule(30)).toBe('FREQ=DAILY;INTERVAL=30');
  });

  test('ends after a number of sessions or on a date, never both', () => {
    expect(recurrenceRule(14, { count: 6 })).toBe('FREQ=WEEKLY;INTERVAL=2;COUNT=6');
    expect(recurrenceRule(7, { until: '20270630T235959Z' })).toBe(
      'FREQ=WEEKLY;UNTIL=20270630T235959Z',
    );
    expect(recurrenceRule(7, { count: 3, until: '20270630T235959Z' })).toBe('FREQ=WEEKLY;COUNT=3');
    expect(recurrenceRule(7, { count: 0 })).toBe('FREQ=WEEKLY');
    expect(recurrenceRule(7, { until: '2027-06-30' })).toBe('FREQ=WEEKLY');
  });
});
