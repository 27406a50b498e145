/** Ordering of goals and agenda items: plain functions over `order` numbers. */

export interface Ordered {
  id: string;
  order: number;
}

export function byOrder<T extends Ordered>(a: T, b: T): number {
  return a.order - b.order || a.id.localeCompare(b.id);
}

/** The order value for an item appended after every item in the list. */
export function orderAfterLast(items: readonly Ordered[]): number {
  return items.reduce((max, item) => Math.max(max, item.order), 0) + 1;
}

/**
 * The order changes that move one item `delta` places (−1 up, +1 down) in the list as shown.
 * Returns the items to rewrite, renumbered 1…n so that equal or odd orders heal themselves;
 * an empty list when the move is not possible (first item up, last item down, unknown id).
 */
export function moveItem(items: readonly Ordered[], id: string, delta: number): Ordered[] {
  const sorted = [...items].sort(byOrder);
  const from = sorted.findIndex((item) => item.id === id);
  const to = from + delta;
  if (from < 0 || delta === 0 || to < 0 || to >= sorted.length) return [];
  const [moved] = sorted.splice(from, 1);
  if (!moved) return [];
  sorted.splice(to, 0, moved);
  return sorted
    .map((item, index) => ({ id: item.id, order: index + 1 }))
    .filter((item) => items.find((original) => original.id === item.id)?.order !== item.order);
}

/**
 * The mentee drafts the agenda: the pair's items first, in their order, then the mentor's
 * suggestions (items the mentee has not taken in yet), so a mentor's additions never push the
 * mentee's own points down the list.
 */
export function agendaOrder<T extends Ordered & { suggestion?: boolean }>(a: T, b: T): number {
  return Number(a.suggestion === true) - Number(b.suggestion === true) || byOrder(a, b);
}

/** Which side of the pair an item belongs to, mentee's first: 0 mentee, 1 both, 2 mentor. */
export type SideOf<T> = (item: T) => 'mentee' | 'mentor' | 'both';

/**
 * Review shows the mentee's side first: items of the mentee(s), then those shared, then the
 * mentor's — stable, so within a side the order given (due date, capture) stays. In peer
 * mentoring both take both roles, so the order is left as it is.
 */
export function menteeFirst<T>(items: readonly T[], sideOf: SideOf<T>, peer = false): T[] {
  const rank = { mentee: 0, both: 1, mentor: 2 };
  // Array.prototype.sort is stable: within a side the order given stays.
  return peer ? [...items] : [...items].sort((a, b) => rank[sideOf(a)] - rank[sideOf(b)]);
}
