import { localToday } from '../mentoring/review';
import type { PageContext } from '../schema/page-context';
import type { Pair } from '../schema/pair';

export interface ShownPairInput {
  /** The pairs that exist (not deleted), archived ones included. */
  pairs: readonly Pair[];
  /** A pair the user picked by hand while this page is on screen. */
  chosenPairId?: string;
  /** The pair the meeting on screen matched, if any. */
  matchedPairId?: string;
  /** A meeting is on screen (and the user has not said it is not a mentoring meeting). */
  meetingOnScreen: boolean;
  /** The pair shown last time. */
  lastUsedPairId?: string;
}

export type ShownPair =
  | { kind: 'pair'; pair: Pair }
  /** A meeting that matches no pair: no pair's session is shown until the user says which. */
  | { kind: 'unlinked-meeting' }
  | { kind: 'no-pairs' };

/**
 * Which pair the panel shows: the one picked by hand, else the meeting's, else — with no
 * meeting on screen — the last used (or the first active). A meeting that matches no pair
 * never falls back to the last used pair: a note typed there would land in the wrong pair.
 */
export function shownPair(input: ShownPairInput): ShownPair {
  const { pairs } = input;
  if (pairs.length === 0) return { kind: 'no-pairs' };
  const byId = (id: string | undefined) => (id ? pairs.find((p) => p.id === id) : undefined);
  const picked = byId(input.chosenPairId) ?? byId(input.matchedPairId);
  if (picked) return { kind: 'pair', pair: picked };
  if (input.meetingOnScreen) return { kind: 'unlinked-meeting' };
  const fallback = byId(input.lastUsedPairId) ?? pairs.find((p) => !p.archived) ?? pairs[0];
  return fallback ? { kind: 'pair', pair: fallback } : { kind: 'no-pairs' };
}

/**
 * Whether Prep and Live may show the shown pair's session: not while a meeting of another pair
 * (or of none) is on screen, where the pair's next session is not the meeting's.
 */
export function sessionModesAllowed(input: {
  meetingOnScreen: boolean;
  pairId: string;
  matchedPairId?: string;
}): boolean {
  return !input.meetingOnScreen || input.pairId === input.matchedPairId;
}

/** A calendar event whose end (or, without one, whose day) has passed. */
export function meetingIsOver(context: PageContext | null, now: Date = new Date()): boolean {
  const m = context?.meeting;
  if (!m) return false;
  if (m.end) return new Date(m.end).getTime() < now.getTime();
  if (m.date) return m.date < localToday(now);
  return false;
}
