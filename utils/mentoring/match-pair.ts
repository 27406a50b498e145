import type { PageContext } from '../schema/page-context';
import type { Pair } from '../schema/pair';
import { codeFromMeetingUrl, meetingKeys } from './meeting-keys';

/**
 * Which pair a meeting belongs to, in this order (the rules):
 * 1. a meeting code, calendar event (or its recurring series) or link the user linked before,
 *    then one a session of the pair was made for (the event seen in the calendar yesterday is
 *    the call joined today);
 * 2. attendee emails that match a pair's members — the pair with most members invited wins,
 *    and a tie is no match (a mentor's own address is in every one of their pairs);
 * 3. title keywords the user gave the pair.
 * Archived pairs never match. No match: the panel offers to link or create.
 */
export type MatchReason = 'linked' | 'session' | 'attendees' | 'keywords';

/** A meeting a pair already has a session for (its event id, its call's code). */
export interface KnownMeeting {
  pairId: string;
  codes: readonly string[];
  events: readonly string[];
}

export interface PairMatch {
  pair: Pair;
  reason: MatchReason;
}

export function matchPair(
  context: PageContext,
  pairs: readonly Pair[],
  known: readonly KnownMeeting[] = [],
): PairMatch | null {
  const meeting = context.meeting;
  if (!meeting) return null;
  const candidates = pairs.filter((p) => !p.archived && !p.deleted);

  const keys = meetingKeys(context);
  const linked = candidates.find(
    (p) =>
      keys.codes.some((code) => p.matchRules.meetingCodes.includes(code)) ||
      keys.events.some((id) => p.matchRules.eventIds.includes(id)),
  );
  if (linked) return { pair: linked, reason: 'linked' };
  const seen = known.find(
    (k) =>
      keys.codes.some((code) => k.codes.includes(code)) ||
      (meeting.calendarEventId !== undefined && k.events.includes(meeting.calendarEventId)),
  );
  const seenPair = seen && candidates.find((p) => p.id === seen.pairId);
  if (seenPair) return { pair: seenPair, reason: 'session' };

  const invited = new Set(meeting.attendees.map((email) => email.toLowerCase()));
  if (invited.size > 0) {
    const scored = candidates
      .map((pair) => ({
        pair,
        score: pair.members.filter((m) => m.email && invited.has(m.email.toLowerCase())).length,
      }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (best && (!second || second.score < best.score))
      return { pair: best.pair, reason: 'attendees' };
  }

  const title = meeting.title?.toLowerCase();
  if (title) {
    const byKeyword = candidates.find((p) =>
      p.matchRules.keywords.some((k) => k.trim() && title.includes(k.trim().toLowerCase())),
    );
    if (byKeyword) return { pair: byKeyword, reason: 'keywords' };
  }
  return null;
}

/** The match rules that make this meeting find the pair again next time ("Link to pair…"). */
export function linkRules(pair: Pair, context: PageContext): Pair['matchRules'] {
  const keys = meetingKeys(context);
  const add = (list: readonly string[], values: readonly string[]) => [
    ...list,
    ...values.filter((v) => !list.includes(v)),
  ];
  return {
    ...pair.matchRules,
    meetingCodes: add(pair.matchRules.meetingCodes, keys.codes),
    eventIds: add(pair.matchRules.eventIds, keys.events),
  };
}

/** The meetings sessions were made for, as KnownMeeting entries. */
export function knownMeetings(
  sessions: readonly {
    pairId: string;
    calendarEventId: string;
    meetingUrl: string;
    deleted: boolean;
  }[],
): KnownMeeting[] {
  return sessions
    .filter((s) => !s.deleted && (s.calendarEventId || s.meetingUrl))
    .map((s) => {
      const code = s.meetingUrl ? codeFromMeetingUrl(s.meetingUrl) : undefined;
      return {
        pairId: s.pairId,
        codes: code ? [code] : [],
        events: s.calendarEventId ? [s.calendarEventId] : [],
      };
    });
}
