/*
 * Milestones of the relationship's arc: the next phase, the mid-point and closing dates. Where a
 * pair is in its arc is arc-phase.ts, small enough for the panel's first view.
 */
import { type ArcPhase, arcPhases } from '../schema/arc';
import type { Pair } from '../schema/pair';
import type { Session } from '../schema/session';
import { dayMs, localDay } from './arc-phase';

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

/**
 * The next milestone of the agreement: the mid-point review until one is held (or the pair is
 * winding down or closing: the middle is behind it), then the closing session.
 */
export function nextMilestone(
  pair: Pick<Pair, 'agreement'>,
  sessions: readonly Pick<Session, 'scheduledAt' | 'heldAt' | 'status' | 'deleted'>[],
  phase?: ArcPhase,
): Milestone | null {
  const { midpointDate, endDate } = pair.agreement;
  const midpointHeld =
    phase === 'winding-down' ||
    phase === 'closing' ||
    (!!midpointDate &&
      sessions.some((s) => !s.deleted && s.status === 'held' && sessionDay(s) >= midpointDate));
  if (midpointDate && !midpointHeld) return { kind: 'midpoint', date: midpointDate };
  if (endDate) return { kind: 'closing', date: endDate };
  return null;
}

export { currentPhase, localDay } from './arc-phase';
