import { t } from '../../i18n';
import { keyedByMember, othersWhenAllIn } from '../../mentoring/feedback-members';
import { groupCommitment, keyMatches, sealAnswers } from '../../mentoring/feedback-seal';
import type { Role } from '../../schema/common';
import {
  type Feedback,
  type FeedbackAnswers,
  type FeedbackDraft,
  feedback,
  feedbackDraft,
} from '../../schema/feedback';
import type { Session } from '../../schema/session';
import { indexFeedback } from '../../search/feedback-index';
import type { SyncStore } from '../../sync/engine/engine-context';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, putShared, sharedTx } from './write';

/**
 * Two-way feedback (utils/schema/feedback.ts): a draft kept in this browser, a submission that
 * syncs only sealed, and the reveal of this side's key once both sides have submitted.
 */

/**
 * One record per session and side, so both devices of a member write the same one; in a group
 * with several members of a side, one per session and member (pass `memberId` only then).
 */
export function feedbackId(sessionId: string, side: Role, memberId?: string): string {
  return `${sessionId}:${memberId ?? side}`;
}

type SessionRef = Pick<Session, 'id' | 'pairId'>;

/** Keeps what the form holds, in this browser only; nothing of a draft is ever synced. */
export async function saveFeedbackDraft(
  store: Store,
  session: SessionRef,
  side: Role,
  draft: FeedbackDraft,
  /** Only where feedback is kept per member (utils/mentoring/my-member.ts feedbackByMember). */
  byMember?: string,
): Promise<void> {
  const id = feedbackId(session.id, side, byMember);
  const checked = parseRecord(feedbackDraft, draft);
  await store.db.transaction('rw', [store.db.feedbackKeys, store.db.feedback], async () => {
    const submitted = await store.db.feedback.get(id);
    if (submitted && !submitted.deleted) return; // too late: the answers are sealed
    const row = await store.db.feedbackKeys.get(id);
    await store.db.feedbackKeys.put({
      ...row,
      id,
      pairId: session.pairId,
      sessionId: session.id,
      draft: checked,
    });
  });
  await indexOpened(store, [id]);
}

/**
 * Seals this side's answers under a fresh key and writes the sealed record (synced) and the key
 * (kept here) in one transaction; then reveals at once if the other side has submitted already.
 * Works offline: the record waits in the outbox. A side submits once; in a group kept per member
 * (`byMember`), each member submits once, under their own id.
 */
export async function submitFeedback(
  store: Store,
  session: SessionRef,
  side: Role,
  answers: FeedbackAnswers,
  memberId?: string,
  byMember = false,
): Promise<Feedback> {
  if (byMember && !memberId) throw new Error(t('feedback.noKey'));
  const id = feedbackId(session.id, side, byMember ? memberId : undefined);
  const context = { id, pairId: session.pairId, sessionId: session.id, side };
  const { sealed, commitment, key } = await sealAnswers(answers, context);
  const record = await sharedTx(
    store,
    ['feedback'],
    async () => {
      const existing = await store.db.feedback.get(id);
      if (existing && !existing.deleted) throw new Error(t('feedback.alreadySubmitted'));
      const made = parseRecord(feedback, {
        ...context,
        ...(memberId && { memberId }),
        sealed,
        commitment,
        submittedAt: store.now(),
        revealedKey: null,
        openedByChoice: false,
        revealedAgainst: null,
        ...stamp(store),
      });
      await putShared(store, 'feedback', made);
      await store.db.feedbackKeys.put({ id, pairId: session.pairId, sessionId: session.id, key });
      return made;
    },
    [store.db.feedbackKeys],
  );
  await revealDue(store, session.pairId);
  return (await store.db.feedback.get(id)) ?? record;
}

/**
 * The reveal rule, run after every local submission and every pull that brought feedback: each
 * record of this side whose key this browser holds and that is not revealed yet gets its key
 * written into it — once the other side's sealed record is here (both have submitted); in a group
 * kept per member, once every member of the pair has submitted, bound to all their commitments
 * (utils/mentoring/feedback-seal.ts groupCommitment). The key
 * is checked against the record's commitment first, so a key that would not open the record
 * (another device of this member submitted first) is never sent. Returns how many it revealed.
 */
export async function revealDue(store: SyncStore, pairId: string): Promise<number> {
  const writer = asWriter(store);
  const keys = await store.db.feedbackKeys.where('pairId').equals(pairId).toArray();
  let revealed = 0;
  for (const row of keys) {
    if (!row.key) continue;
    const mine = await store.db.feedback.get(row.id);
    if (!mine || mine.deleted || mine.revealedKey) continue;
    const all = (
      await store.db.feedback.where('sessionId').equals(mine.sessionId).toArray()
    ).filter((r) => !r.deleted);
    const against = await revealAgainst(store, mine, all);
    if (!against) continue;
    if (!(await keyMatches(mine, row.key))) continue;
    const key = row.key;
    await sharedTx(writer, ['feedback'], () =>
      patchInTx(writer, 'feedback', row.id, (current) =>
        current.revealedKey ? {} : { revealedKey: key, revealedAgainst: against },
      ),
    );
    revealed += 1;
  }
  // Whatever became readable here (mine submitted, theirs revealed) into the private index.
  if ('privateDb' in store) {
    await indexOpened(store, await store.db.feedback.where('pairId').equals(pairId).primaryKeys());
  }
  return revealed;
}

/** What a due reveal is bound to, or undefined while it is not due. */
async function revealAgainst(
  store: SyncStore,
  mine: Feedback,
  all: Feedback[],
): Promise<string | undefined> {
  if (!keyedByMember(mine) || !mine.memberId) {
    const other = all
      .filter((r) => r.side !== mine.side)
      .sort((a, b) => a.id.localeCompare(b.id))[0];
    return other?.commitment;
  }
  const pair = await store.db.pairs.get(mine.pairId);
  if (!pair || pair.deleted) return undefined;
  const others = othersWhenAllIn(all, pair, mine.sessionId, mine.memberId);
  if (!others?.length) return undefined;
  return groupCommitment(others);
}

/** Opens this side's answers now, before the other side has submitted (the pair's choice). */
export async function openFeedbackByChoice(store: Store, id: string): Promise<Feedback> {
  const row = await store.db.feedbackKeys.get(id);
  const mine = await store.db.feedback.get(id);
  if (!mine || mine.deleted) throw new Error(t('records.gone.feedback'));
  if (mine.revealedKey) return mine;
  if (!row?.key || !(await keyMatches(mine, row.key))) throw new Error(t('feedback.noKey'));
  const key = row.key;
  const opened = await sharedTx(store, ['feedback'], () =>
    patchInTx(store, 'feedback', id, (current) =>
      current.revealedKey ? {} : { revealedKey: key, openedByChoice: true },
    ),
  );
  await indexOpened(store, [id]);
  return opened;
}

/**
 * The feedback this browser can read, into its private search index (utils/search/
 * feedback-index.ts). Not in the background, which never opens the private database: the panel's
 * search catches up on what sync brought. A failure leaves the catching up to search too.
 */
async function indexOpened(store: SyncStore, ids: string[]): Promise<void> {
  if (!('privateDb' in store)) return;
  await indexFeedback(store as Store, ids).catch(() => undefined);
}

/**
 * The shared writes need only the shared database, this device and its clock; the background's
 * sync runs the reveal rule with no private database and no ids to make.
 */
function asWriter(store: SyncStore): Store {
  if ('privateDb' in store) return store as Store;
  return {
    ...store,
    get privateDb(): never {
      throw new Error('The background never opens the private database.');
    },
    newId: () => crypto.randomUUID(),
  };
}
