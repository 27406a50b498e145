import { describe, expect, test } from 'vitest';
import { byOrder, moveItem, type Ordered, orderAfterLast } from '../../utils/mentoring/order';

/** The ids in the order shown after applying the changes moveItem returned. */
function shownAfter(items: readonly Ordered[], changes: readonly Ordered[]): string[] {
  const updated = items.map((item) => changes.find((c) => c.id === item.id) ?? item);
  return [...updated].sort(byOrder).map((item) => item.id);
}

const abc: Ordered[] = [
  { id: 'a', order: 1 },
  { id: 'b', order: 2 },
  { id: 'c', order: 3 },
];

describe('byOrder', () => {
  test('shows items by order, and equal orders by id so the list never jumps', () => {
    const items = [
      { id: 'z', order: 2 },
      { id: 'b', order: 1 },
      { id: 'a', order: 2 },
    ];
    expect([...items].sort(byOrder).map((i) => i.id)).toEqual(['b', 'a', 'z']);
  });
});

describe('orderAfterLast', () => {
  test('puts the first item at 1', () => {
    expect(orderAfterLast([])).toBe(1);
  });

  test('puts a new item after the highest order, wherever it is in the list', () => {
    expect(
      orderAfterLast([
        { id: 'x', order: 7 },
        { id: 'y', order: 2.5 },
      ]),
    ).toBe(8);
  });
});

describe('moveItem', () => {
  test('moves an item up one place', () => {
    const changes = moveItem(abc, 'c', -1);
    expect(shownAfter(abc, changes)).toEqual(['a', 'c', 'b']);
    expect(changes).toEqual([
      { id: 'c', order: 2 },
      { id: 'b', order: 3 },
    ]);
  });

  test('moves an item down one place', () => {
    expect(shownAfter(abc, moveItem(abc, 'a', 1))).toEqual(['b', 'a', 'c']);
  });

  test('moves an item several places', () => {
    expect(shownAfter(abc, moveItem(abc, 'a', 2))).toEqual(['b', 'c', 'a']);
  });

  test('does nothing for the first item up or the last item down', () => {
    expect(moveItem(abc, 'a', -1)).toEqual([]);
    expect(moveItem(abc, 'c', 1)).toEqual([]);
    expect(moveItem(abc, 'b', 5)).toEqual([]);
  });

  test('does nothing for an unknown id or a move of zero places', () => {
    expect(moveItem(abc, 'nope', 1)).toEqual([]);
    expect(moveItem(abc, 'b', 0)).toEqual([]);
    expect(moveItem([], 'a', 1)).toEqual([]);
  });

  test('heals equal orders: after a move every order is distinct', () => {
    const tied: Ordered[] = [
      { id: 'a', order: 1 },
      { id: 'b', order: 1 },
      { id: 'c', order: 1 },
      { id: 'd', order: 1 },
    ];
    const changes = moveItem(tied, 'd', -1);
    expect(shownAfter(tied, changes)).toEqual(['a', 'b', 'd', 'c']);
    const orders = tied.map((item) => (changes.find((c) => c.id === item.id) ?? item).order);
    expect(new Set(orders).size).toBe(4);
  });

  test('renumbers odd and negative orders 1…n', () => {
    const odd: Ordered[] = [
      { id: 'a', order: 1 },
      { id: 'b', order: 2 },
      { id: 'c', order: 10.5 },
      { id: 'd', order: -3 },
    ];
    // Shown d, a, b, c: moving b down swaps it with c.
    const changes = moveItem(odd, 'b', 1);
    expect(shownAfter(odd, changes)).toEqual(['d', 'a', 'c', 'b']);
    expect(changes).toEqual([
      { id: 'd', order: 1 },
      { id: 'a', order: 2 },
      { id: 'c', order: 3 },
      { id: 'b', order: 4 },
    ]);
  });

  test('leaves the list it is given untouched', () => {
    const items = abc.map((i) => ({ ...i }));
    moveItem(items, 'c', -2);
    expect(items).toEqual(abc);
  });
});
