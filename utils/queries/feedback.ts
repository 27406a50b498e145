import { feedbackId } from '../data/records/feedback';
import { openAnswers } from '../mentoring/feedback-seal';
import type { Role } from '../schema/common';
import type { Feedback, FeedbackAnswers, FeedbackKey } from '../schema/feedback';
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
  answers: FeedbackAnswers;
}

/** The sides of a session whose answers are opened (revealed): what History and export show. */
export async function openedFeedbackOf(
  store: Pick<Databases, 'db'>,
  sessionId: string,
): Promise<OpenedFeedback[]> {
  return openedOf((await feedbackOf(store, sessionId)).records);
}

async function openedOf(records: readonly Feedback[]): Promise<OpenedFeedback[]> {
  const opened: OpenedFeedback[] = [];
  for (const record of records) {
    // Only revealed answers: a side's own sealed answers stay out until they are opened.
    if (!record.revealedKey) continue;
    const result = await openAnswers(record, record.revealedKey);
    if (result.ok) opened.push({ side: record.side, answers: result.answers });
  }
  return opened.sort((a, b) => a.side.localeCompare(b.side));
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
      const sealedFeedback = records
        .filter((r) => !r.revealedKey)
        .map((r) => r.side)
        .sort();
      return { ...details, feedback: await openedOf(records), sealedFeedback };
    }),
  );
}
