import { describe, expect, test } from 'vitest';
import { byDueThenCaptured, isOverdue } from '../../utils/mentoring/review';

const item = (id: string, due: string, createdAt: number) => ({ id, due, createdAt });

describe('the review list', () => {
  test('soonest due first, undated after, then in the order captured', () => {
    const items = [
      item('dec-1', '2026-12-01', 1),
      item('none-a', '', 2),
      item('none-b', '', 3),
      item('mar-2021', '2021-03-01', 4),
      item('none-c', '', 0),
      item('dec-8', '2026-12-08', 5),
    ];
    expect([...items].sort(byDueThenCaptured).map((i) => i.id)).toEqual([
      'mar-2021',
      'dec-1',
      'dec-8',
      'none-c',
      'none-a',
      'none-b',
    ]);
  });

  test('overdue is an open item past its due date, nothing else', () => {
    expect(isOverdue({ status: 'open', due: '2021-03-01' }, '2026-12-04')).toBe(true);
    expect(isOverdue({ status: 'open', due: '2026-12-04' }, '2026-12-04')).toBe(false);
    expect(isOverdue({ status: 'done', due: '2021-03-01' }, '2026-12-04')).toBe(false);
    expect(isOverdue({ status: 'open', due: '' }, '2026-12-04')).toBe(false);
  });
});
