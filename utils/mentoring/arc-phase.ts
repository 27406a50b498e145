import type { ArcPhase } from '../schema/arc';
import type { Pair } from '../schema/pair';
import type { Session } from '../schema/session';

/*
 * Where a pair is in its arc, and its next milestone. A phase the pair set itself wins; otherwise
 * it is read from what happened: no session held yet is the agreement, the first two sessions set
 * direction, then progress; with an agreed start and end date the last fifth of the time is
 * winding down and a pair past its end date is closing.
 */

/** Sessions held before the pair counts as making progress (the first ones set direction). */
const DIRECTION_SESSIONS = 2;
/** The share of the agreed time after which a pair winds down. */
const WINDING_DOWN_AT = 0.8;

/** Today as `YYYY-MM-DD` in local time (the dates of the agreement are local calendar days). */
export function localDay(now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function currentPhase(
  pair: Pick<Pair, 'phase' | 'agreement'>,
  sessions: readonly Pick<Session, 'status' | 'deleted'>[],
  now: number,
): ArcPhase {
  if (pair.phase) return pair.phase;
  const held = sessions.filter((s) => !s.deleted && s.status === 'held').length;
  const { startDate, endDate } = pair.agreement;
  const today = localDay(now);
  if (endDate && today >= endDate) return 'closing';
  if (held === 0) return 'agreement';
  if (startDate && endDate && endDate > startDate) {
    const share = (dayMs(today) - dayMs(startDate)) / (dayMs(endDate) - dayMs(startDate));
    if (share >= WINDING_DOWN_AT) return 'winding-down';
  }
  return held <= DIRECTION_SESSIONS ? 'direction' : 'progress';
}
