import type { Role } from '../schema/common';
import type { Feedback } from '../schema/feedback';
import type { Member, Pair } from '../schema/pair';

/**
 * Feedback in a group is kept per member (id `${sessionId}:${memberId}`, docs/feedback.md):
 * which records count, and whether everyone has answered. A record counts only when its id is
 * its member's key, its member is in the pair and its side is that member's role: anything else
 * (a spoofed or stray record) is neither shown nor waited on, and nothing is overwritten by it.
 */

/**
 * Whether feedback is kept per member rather than per side: in a group with more than one
 * member of a side. One-to-one, peer and reverse pairs keep one record per side.
 */
export function feedbackByMember(pair: Pick<Pair, 'members' | 'model'>): boolean {
  if (pair.model !== 'group') return false;
  const count = (role: Role) => pair.members.filter((m) => m.role === role).length;
  return count('mentor') > 1 || count('mentee') > 1;
}

/** Whether a record is keyed by its member (`${sessionId}:${memberId}`) rather than its side. */
export const keyedByMember = (record: Pick<Feedback, 'id' | 'sessionId' | 'memberId'>): boolean =>
  !!record.memberId && record.id === `${record.sessionId}:${record.memberId}`;

/** The session's valid per-member records, by member id. */
export function memberRecords(
  records: readonly Feedback[],
  pair: Pick<Pair, 'members'>,
  sessionId: string,
): Map<string, Feedback> {
  const byMember = new Map<string, Feedback>();
  for (const record of records) {
    if (record.deleted || record.sessionId !== sessionId || !keyedByMember(record)) continue;
    const member = pair.members.find((m) => m.id === record.memberId);
    if (member && member.role === record.side) byMember.set(member.id, record);
  }
  return byMember;
}

/** The members a group waits on, mentees first (as everywhere in Review). */
export const answeringMembers = (pair: Pick<Pair, 'members'>): Member[] => [
  ...pair.members.filter((m) => m.role === 'mentee'),
  ...pair.members.filter((m) => m.role === 'mentor'),
];

/**
 * The other members' records a member's key may be revealed against: all of them, once every
 * member of the pair has submitted; undefined while anyone is missing.
 */
export function othersWhenAllIn(
  records: readonly Feedback[],
  pair: Pick<Pair, 'members'>,
  sessionId: string,
  memberId: string,
): Feedback[] | undefined {
  const valid = memberRecords(records, pair, sessionId);
  const others: Feedback[] = [];
  for (const member of pair.members) {
    const record = valid.get(member.id);
    if (!record) return undefined;
    if (member.id !== memberId) others.push(record);
  }
  return others;
}
