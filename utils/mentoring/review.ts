import type { ActionItem, ActionStatus } from '../schema/action-item';
import type { AgendaItem } from '../schema/agenda-item';
import type { Session } from '../schema/session';

/**
 * Reviewing last session's action items: each is done, carried over to the next session's
 * agenda, or dropped — in one click or key — and can be set back to open. Plain functions.
 */
export type ReviewChoice = 'done' | 'carry' | 'drop' | 'reopen';
export type ReviewState = 'open' | 'done' | 'carried' | 'dropped';

/** The agenda items that carry this action item, in any session (its carry-over chain). */
export function carriedAgendaItems(
  item: Pick<ActionItem, 'id'>,
  agenda: readonly AgendaItem[],
): AgendaItem[] {
  return agenda.filter((a) => a.carriedFrom === item.id && !a.deleted);
}

/** How many sessions an open commitment has been carried into: three or more means stalled. */
export function carryCount(item: Pick<ActionItem, 'id'>, agenda: readonly AgendaItem[]): number {
  return new Set(carriedAgendaItems(item, agenda).map((a) => a.sessionId)).size;
}

export const STALLED_AFTER = 3;

export function reviewState(
  item: Pick<ActionItem, 'id' | 'status'>,
  agenda: readonly AgendaItem[],
  nextSessionId: string | null,
): ReviewState {
  if (item.status === 'done') return 'done';
  if (item.status === 'dropped') return 'dropped';
  const carried = nextSessionId
    ? carriedAgendaItems(item, agenda).some((a) => a.sessionId === nextSessionId)
    : false;
  return carried ? 'carried' : 'open';
}

/** What a choice does, from a state: the action item's new status and the carry-over row. */
export interface ReviewEffect {
  status: ActionStatus;
  /** Put the item on the next session's agenda (true), take it off (false), leave it (null). */
  carried: boolean | null;
}

export function reviewEffect(state: ReviewState, choice: ReviewChoice): ReviewEffect {
  switch (choice) {
    case 'done':
      // Done: the commitment is kept; if it was on the next agenda it stays there to report on.
      return { status: 'done', carried: null };
    case 'carry':
      return { status: 'open', carried: true };
    case 'drop':
      // Dropped: it no longer belongs on the next agenda.
      return { status: 'dropped', carried: state === 'carried' ? false : null };
    case 'reopen':
      return { status: 'open', carried: state === 'carried' ? false : null };
  }
}

/** A day as YYYY-MM-DD in local time (today by default), as due and target dates are written. */
export function localToday(now: Date = new Date()): string {
  return now.toLocaleDateString('sv');
}

/**
 * An open item whose due date has passed is overdue — the one rule every view (Live, Prep,
 * Review, History) uses to say so.
 */
export function isOverdue(item: Pick<ActionItem, 'status' | 'due'>, today: string): boolean {
  return item.status === 'open' && item.due !== '' && item.due < today;
}

/** Soonest due first, items without a due date after them, then in the order they were captured. */
export function byDueThenCaptured(
  a: Pick<ActionItem, 'due' | 'createdAt' | 'id'>,
  b: Pick<ActionItem, 'due' | 'createdAt' | 'id'>,
): number {
  if (a.due !== b.due) {
    if (a.due === '') return 1;
    if (b.due === '') return -1;
    return a.due < b.due ? -1 : 1;
  }
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** The keys of the review list: one key per choice. */
export const reviewKeys: Record<string, ReviewChoice> = {
  d: 'done',
  c: 'carry',
  x: 'drop',
  o: 'reopen',
};

/**
 * The action items to review: those agreed in the last held session, then any other item
 * still open from earlier sessions (a commitment does not vanish because a session passed).
 */
export function itemsToReview(
  items: readonly ActionItem[],
  lastHeld: Pick<Session, 'id'> | undefined,
  nextSessionId: string | null,
): ActionItem[] {
  const live = items.filter((a) => !a.deleted);
  const fromLast = lastHeld ? live.filter((a) => a.sessionId === lastHeld.id) : [];
  const olderOpen = live.filter(
    (a) => a.status === 'open' && a.sessionId !== lastHeld?.id && a.sessionId !== nextSessionId,
  );
  return [...fromLast, ...olderOpen].sort(byDueThenCaptured);
}
