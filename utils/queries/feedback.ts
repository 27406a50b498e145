import { feedbackId } from '../data/records/feedback';
import { answeringMembers, keyedByMember, memberRecords } from '../mentoring/feedback-members';
import { groupCommitment, openAnswers } from '../mentoring/feedback-seal';
import type { Role } from '../schema/common';
import type { Feedback, FeedbackAnswers, FeedbackKey } from '../schema/feedback';
import type { Member, Pair } from '../schema/pair';
import type { Databases } from './databases';

/** A session's feedback records and this browser's own drafts and keys for them. */
export async function feedbackOf(
  store: Pick<Databases, 'db'>,
  sessionId: string,
): Promise<{ records: Feedback[]; keys: FeedbackKey[] }> {
  const [records, keys] = await Promise.all([
    store.db.feedback.where('sessionId').equals(sessionId).toArray(),
    store.db.feedbackKeys.where('sessionId').equals(sessionId).toArray(),
  ]);
  return { records: records.filter((r) => !r.deleted), keys };
}

/** What one side's answers are, as this browser can read them. */
export type SideState =
  | { state: 'absent' }
  | { state: 'sealed'; record: Feedback }
  | { state: 'open'; record: Feedback; answers: FeedbackAnswers }
  /** Revealed, but the key or ciphertext is not what was committed to: never shown. */
  | { state: 'broken'; record: Feedback }
  /** Sealed again after this side's answers were opened against the first sealing. */
  | { state: 'changed'; record: Feedback }
  /** This member's own answers, sealed on another of their devices and not revealed yet. */
  | { state: 'elsewhere'; record: Feedback };

export interface FeedbackView {
  mine: SideState;
  theirs: SideState;
  /** The form's draft, kept in this browser until submitted. */
  draft: FeedbackKey['draft'];
}

/**
 * Reads both sides of a session's feedback for the side `mySide`: mine with the key this
 * browser keeps (or the revealed one), theirs only once revealed and only when the revealed key
 * matches the commitment — and, when mine was opened against their sealing, only that sealing.
 */
export async function readFeedback(
  data: { records: Feedback[]; keys: FeedbackKey[] },
  sessionId: string,
  mySide: Role,
): Promise<FeedbackView> {
  const myId = feedbackId(sessionId, mySide);
  const mineRecord = data.records.find((r) => r.id === myId);
  const theirsRecord = data.records
    .filter((r) => r.side !== mySide)
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  const myKey = data.keys.find((k) => k.id === myId);
  return {
    mine: await sideState(mineRecord, { ownKey: myKey?.key }),
    theirs: await sideState(theirsRecord, { against: mineRecord?.revealedAgainst ?? undefined }),
    draft: myKey?.draft,
  };
}

/** One member's answers in a group kept per member. */
export interface MemberState {
  member: Member;
  state: SideState;
}

export interface GroupFeedbackView {
  mine: SideState;
  /** Every other member of the pair, mentees first, with what this browser can read of theirs. */
  others: MemberState[];
  draft: FeedbackKey['draft'];
}

/**
 * Reads a group's feedback kept per member (utils/mentoring/feedback-members.ts) for member
 * `myMemberId`: mine with the key this browser keeps, each other member's only once revealed
 * and matching its commitment — and, once mine was revealed against everyone's sealing, only
 * while those sealings stand. Records whose id, member or side do not fit are left out.
 */
export async function readGroupFeedback(
  data: { records: Feedback[]; keys: FeedbackKey[] },
  pair: Pick<Pair, 'members'>,
  sessionId: string,
  myMemberId: string,
): Promise<GroupFeedbackView> {
  const valid = memberRecords(data.records, pair, sessionId);
  const me = pair.members.find((m) => m.id === myMemberId);
  const myId = feedbackId(sessionId, me?.role ?? 'mentee', myMemberId);
  const mineRecord = valid.get(myMemberId);
  const myKey = data.keys.find((k) => k.id === myId);
  const othersMembers = answeringMembers(pair).filter((m) => m.id !== myMemberId);
  const against = mineRecord?.revealedAgainst ?? undefined;
  const present = othersMembers.flatMap((m) => valid.get(m.id) ?? []);
  // Bound to everyone's sealing when revealed: a changed one hides all (never shown unsure).
  const changed = !!against && against !== (await groupCommitment(present));
  const others = await Promise.all(
    othersMembers.map(async (member): Promise<MemberState> => {
      const record = valid.get(member.id);
      if (record && changed && record.revealedKey)
        return { member, state: { state: 'changed', record } };
      return { member, state: await sideState(record, {}) };
    }),
  );
  return {
    mine: await sideState(mineRecord, { ownKey: myKey?.key }),
    others,
    draft: myKey?.draft,
  };
}

async function sideState(
  record: Feedback | undefined,
  side: { ownKey?: string | undefined; against?: string | undefined },
): Promise<SideState> {
  if (!record) return { state: 'absent' };
  const key = side.ownKey ?? record.revealedKey ?? undefined;
  if (!key) return { state: 'ownKey' in side ? 'elsewhere' : 'sealed', record };
  if (side.against && side.against !== record.commitment) {
    return { state: 'changed', record };
  }
  const opened = await openAnswers(record, key);
  return opened.ok
    ? { state: 'open', record, answers: opened.answers }
    : { state: 'broken', record };
}

/** One side's answers, opened. */
export interface OpenedFeedback {
  side: Role;
  /** Set when the answers are one group member's (a record kept per member). */
  memberId?: string;
  answers: FeedbackAnswers;
}

/** The sides of a session whose answers are opened (revealed): what History and export show. */
export async function openedFeedbackOf(
  store: Pick<Databases, 'db'>,
  sessionId: string,
): Promise<OpenedFeedback[]> {
  return openedOf(store, sessionId, (await feedbackOf(store, sessionId)).records);
}

async function openedOf(
  store: Pick<Databases, 'db'>,
  sessionId: string,
  records: readonly Feedback[],
): Promise<OpenedFeedback[]> {
  const session = await store.db.sessions.get(sessionId);
  const pair = session && (await store.db.pairs.get(session.pairId));
  const members = pair ? memberRecords(records, pair, sessionId) : new Map();
  const opened: OpenedFeedback[] = [];
  for (const record of records) {
    // Only revealed answers: a side's own sealed answers stay out until they are opened.
    if (!record.revealedKey) continue;
    // Kept per side, or per member of the pair under that member's id and role; a record
    // under any other id is not one of this session's.
    const byMember = keyedByMember(record);
    if (
      byMember
        ? members.get(record.memberId) !== record
        : record.id !== feedbackId(sessionId, record.side)
    )
      continue;
    const result = await openAnswers(record, record.revealedKey);
    if (!result.ok) continue;
    opened.push({
      side: record.side,
      ...(byMember && record.memberId && { memberId: record.memberId }),
      answers: result.answers,
    });
  }
  return opened.sort(
    (a, b) => a.side.localeCompare(b.side) || (a.memberId ?? '').localeCompare(b.memberId ?? ''),
  );
}

/**
 * Sessions with their opened feedback added, and the sides whose answers are still sealed
 * (for exports: a sealed side is named, its answers and ciphertext never added).
 */
export async function withOpenedFeedback<T extends { session: { id: string } }>(
  store: Pick<Databases, 'db'>,
  sessions: T[],
): Promise<(T & { feedback: OpenedFeedback[]; sealedFeedback: Role[] })[]> {
  return Promise.all(
    sessions.map(async (details) => {
      const { records } = await feedbackOf(store, details.session.id);
      // A side is named once, however many of its group members are still sealed.
      const sealedFeedback = [
        ...new Set(records.filter((r) => !r.revealedKey).map((r) => r.side)),
      ].sort();
      return {
        ...details,
        feedback: await openedOf(store, details.session.id, records),
        sealedFeedback,
      };
    }),
  );
}
