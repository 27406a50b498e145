import { type ArcPhase, arcPhases } from '../schema/arc';
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

function dayMs(day: string): number {
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

export function nextPhase(phase: ArcPhase): ArcPhase | null {
  return arcPhases[arcPhases.indexOf(phase) + 1] ?? null;
}

/** The day halfway between two days (rounded down), or '' when either is missing or out of order. */
export function halfwayDay(start: string | undefined, end: string | undefined): string {
  if (!start || !end || end <= start) return '';
  const middle = new Date((dayMs(start) + dayMs(end)) / 2);
  return middle.toISOString().slice(0, 10);
}

/** The calendar day of a session (its scheduled day, else the day it was held). */
function sessionDay(session: Pick<Session, 'scheduledAt' | 'heldAt'>): string {
  if (session.scheduledAt) return session.scheduledAt.slice(0, 10);
  return session.heldAt ? localDay(session.heldAt) : '';
}

/**
 * Whether this session is the mid-point review: on or after the agreed mid-point, with no other
 * session on or after it held before.
 */
export function isMidpointSession(
  pair: Pick<Pair, 'agreement'>,
  session: Pick<Session, 'id' | 'scheduledAt' | 'heldAt' | 'status'>,
  sessions: readonly Pick<Session, 'id' | 'scheduledAt' | 'heldAt' | 'status' | 'deleted'>[],
): boolean {
  const midpoint = pair.agreement.midpointDate;
  if (!midpoint) return false;
  const day = sessionDay(session);
  if (!day || day < midpoint) return false;
  return !sessions.some(
    (s) =>
      !s.deleted &&
      s.id !== session.id &&
      s.status === 'held' &&
      sessionDay(s) >= midpoint &&
      (s.heldAt ?? 0) <= (session.heldAt ?? Number.POSITIVE_INFINITY),
  );
}

export type Milestone = { kind: 'midpoint' | 'closing'; date: string };

/** The next milestone of the agreement: the mid-point review until one is held, then closing. */
export function nextMilestone(
  pair: Pick<Pair, 'agreement'>,
  sessions: readonly Pick<Session, 'scheduledAt' | 'heldAt' | 'status' | 'deleted'>[],
): Milestone | null {
  const { midpointDate, endDate } = pair.agreement;
  const midpointHeld =
    !!midpointDate &&
    sessions.some((s) => !s.deleted && s.status === 'held' && sessionDay(s) >= midpointDate);
  if (midpointDate && !midpointHeld) return { kind: 'midpoint', date: midpointDate };
  if (endDate) return { kind: 'closing', date: endDate };
  return null;
}
