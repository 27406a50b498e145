import { afterEach, describe, expect, test } from 'vitest';
import {
  feedbackId,
  openFeedbackByChoice,
  revealDue,
  saveFeedbackDraft,
  submitFeedback,
} from '../../../utils/data/records/feedback';
import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { openAnswers, sealAnswers } from '../../../utils/mentoring/feedback-seal';
import { feedbackOf, readFeedback } from '../../../utils/queries/feedback';
import type { Feedback, FeedbackAnswers } from '../../../utils/schema/feedback';
import { mergeRecord } from '../../../utils/sync/merge';
import { closeStores, makeStore, pairInput, type TestStore } from '../helpers';
import { everything } from './setup';

afterEach(closeStores);

const MENTEE: FeedbackAnswers = {
  helped: 'Walking through the salary talk',
  change: 'Less time on status updates',
  word: 'Clarifying',
  usefulness: 5,
};
const MENTOR: FeedbackAnswers = {
  helped: 'Hearing what Ada already tried',
  change: 'Start with the hard topic',
  word: 'Candid',
  usefulness: 4,
};

/** A mentee's and a mentor's browser holding the same pair and session. */
async function twoSides() {
  const mentee = makeStore({ deviceId: 'mentee-device' });
  const pair = await createPair(mentee, pairInput({ myRole: 'mentee' }));
  const session = await ensurePlannedSession(mentee, pair.id);
  const mentor = makeStore({ deviceId: 'mentor-device' });
  await mentor.db.pairs.put({ ...pair, myRole: 'mentor' });
  await mentor.db.sessions.put(session);
  return { mentee, mentor, pair, session };
}

/** What sync would do: the record as one browser holds it arrives in the other. */
async function carry(from: TestStore, to: TestStore, id: string) {
  const record = await from.db.feedback.get(id);
  if (!record) throw new Error('nothing to carry');
  const local = await to.db.feedback.get(id);
  const meta = await from.db.syncMeta.get(`feedback:${id}`);
  const merged = mergeRecord('feedback', local && { record: local, fields: {}, synced: {} }, {
    record,
    fields: meta?.fields ?? {},
    base: {},
  });
  await to.db.feedback.put(merged.record as Feedback);
  await revealDue(to, record.pairId);
}

const text = (value: unknown) => JSON.stringify(value);

describe('sealing feedback answers', () => {
  const context = { id: 's1:mentee', pairId: 'p1', sessionId: 's1', side: 'mentee' };

  test('opens with its own key and holds no answer in the clear', async () => {
    const sealed = await sealAnswers(MENTEE, context);
    expect(text(sealed.sealed)).not.toContain('salary');
    expect(text(sealed.sealed)).not.toContain('Clarifying');
    const record = { ...context, sealed: sealed.sealed, commitment: sealed.commitment };
    expect(await openAnswers(record, sealed.key)).toEqual({ ok: true, answers: MENTEE });
  });

  test('refuses a key or a ciphertext other than the ones committed to', async () => {
    const a = await sealAnswers(MENTEE, context);
    const b = await sealAnswers(MENTEE, context);
    const record = { ...context, sealed: a.sealed, commitment: a.commitment };
    // Another valid key, and a ciphertext swapped under the same commitment.
    expect(await openAnswers(record, b.key)).toEqual({ ok: false, reason: 'commitment' });
    expect(await openAnswers({ ...record, sealed: b.sealed }, a.key)).toEqual({
      ok: false,
      reason: 'commitment',
    });
    // Both swapped together: the commitment still names the first.
    expect(await openAnswers({ ...record, sealed: b.sealed }, b.key)).toMatchObject({ ok: false });
  });

  test('does not open when moved to another side or session', async () => {
    const sealed = await sealAnswers(MENTEE, context);
    const moved = {
      ...context,
      side: 'mentor',
      sealed: sealed.sealed,
      commitment: sealed.commitment,
    };
    expect(await openAnswers(moved, sealed.key)).toEqual({ ok: false, reason: 'unreadable' });
    const otherSession = { ...moved, side: 'mentee', sessionId: 's2' };
    expect(await openAnswers(otherSession, sealed.key)).toEqual({
      ok: false,
      reason: 'unreadable',
    });
  });

  test('refuses answers out of range before sealing them', async () => {
    await expect(sealAnswers({ ...MENTEE, usefulness: 7 }, context)).rejects.toThrow();
  });
});

describe('submitting feedback', () => {
  test('keeps the draft in this browser only, out of the outbox', async () => {
    const { mentee, session } = await twoSides();
    await saveFeedbackDraft(mentee, session, 'mentee', { ...MENTEE, usefulness: 0 });
    const id = feedbackId(session.id, 'mentee');
    expect((await mentee.db.feedbackKeys.get(id))?.draft?.helped).toBe(MENTEE.helped);
    expect(await mentee.db.feedback.count()).toBe(0);
    expect(text(await mentee.db.outbox.toArray())).not.toContain('feedback');
  });

  test('syncs only the sealed answers and keeps the key here', async () => {
    const { mentee, session } = await twoSides();
    await saveFeedbackDraft(mentee, session, 'mentee', { ...MENTEE, usefulness: 3 });
    const record = await submitFeedback(mentee, session, 'mentee', MENTEE);
    expect(record).toMatchObject({ side: 'mentee', revealedKey: null, sessionId: session.id });
    expect(await mentee.db.outbox.get(`feedback:${record.id}`)).toBeDefined();
    const key = await mentee.db.feedbackKeys.get(record.id);
    expect(key?.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key?.draft).toBeUndefined();
    // Nothing a sync or search could carry holds the answers in the clear.
    const all = await everything(mentee);
    // (This browser's own opened answers are searchable, in the private index only: never synced.)
    expect(text(all['private.searchIndex'])).toContain('salary');
    const carried = text({ ...all, 'shared.feedbackKeys': [], 'private.searchIndex': [] });
    for (const word of ['salary', 'status updates', 'Clarifying']) {
      expect(carried).not.toContain(word);
    }
  });

  test('refuses a second submission for the same side', async () => {
    const { mentee, session } = await twoSides();
    await submitFeedback(mentee, session, 'mentee', MENTEE);
    await expect(submitFeedback(mentee, session, 'mentee', MENTOR)).rejects.toThrow(
      'This feedback was submitted already.',
    );
  });

  test('shows my own answers to me and keeps theirs sealed until both submitted', async () => {
    const { mentee, mentor, session } = await twoSides();
    const menteeRecord = await submitFeedback(mentee, session, 'mentee', MENTEE);
    // Alone, nothing is revealed.
    expect((await mentee.db.feedback.get(menteeRecord.id))?.revealedKey).toBeNull();
    await carry(mentee, mentor, menteeRecord.id);
    const early = await readFeedback(await feedbackOf(mentor, session.id), session.id, 'mentor');
    expect(early.theirs.state).toBe('sealed');
    expect(early.mine.state).toBe('absent');
    expect(text(await everything(mentor))).not.toContain('salary');

    // The mentor submits: the mentee's record is here, so the mentor's key is revealed at once.
    const mentorRecord = await submitFeedback(mentor, session, 'mentor', MENTOR);
    const mentorNow = await mentor.db.feedback.get(mentorRecord.id);
    expect(mentorNow?.revealedKey).toBe((await mentor.db.feedbackKeys.get(mentorRecord.id))?.key);
    expect(mentorNow?.revealedAgainst).toBe(menteeRecord.commitment);
    // …but the mentor still cannot read the mentee's answers until the mentee reveals.
    const waiting = await readFeedback(await feedbackOf(mentor, session.id), session.id, 'mentor');
    expect(waiting).toMatchObject({ mine: { state: 'open' }, theirs: { state: 'sealed' } });

    // The mentor's record reaches the mentee: the mentee reveals, and that comes back.
    await carry(mentor, mentee, mentorRecord.id);
    expect((await mentee.db.feedback.get(menteeRecord.id))?.revealedKey).toBeTruthy();
    await carry(mentee, mentor, menteeRecord.id);
    for (const [store, side] of [
      [mentee, 'mentee'],
      [mentor, 'mentor'],
    ] as const) {
      const view = await readFeedback(await feedbackOf(store, session.id), session.id, side);
      expect(view.mine).toMatchObject({
        state: 'open',
        answers: side === 'mentee' ? MENTEE : MENTOR,
      });
      expect(view.theirs).toMatchObject({
        state: 'open',
        answers: side === 'mentee' ? MENTOR : MENTEE,
      });
    }
  });

  test('opens my answers by choice before the other side answers', async () => {
    const { mentee, mentor, session } = await twoSides();
    const record = await submitFeedback(mentee, session, 'mentee', MENTEE);
    await openFeedbackByChoice(mentee, record.id);
    await carry(mentee, mentor, record.id);
    const view = await readFeedback(await feedbackOf(mentor, session.id), session.id, 'mentor');
    expect(view.theirs).toMatchObject({ state: 'open', answers: MENTEE });
    expect(view.theirs.state === 'open' && view.theirs.record.openedByChoice).toBe(true);
  });

  test('shows an error, not text, for a revealed key that does not match', async () => {
    const { mentee, mentor, session } = await twoSides();
    const record = await submitFeedback(mentee, session, 'mentee', MENTEE);
    const other = await sealAnswers(MENTOR, record);
    await mentor.db.feedback.put({ ...record, revealedKey: other.key });
    const view = await readFeedback(await feedbackOf(mentor, session.id), session.id, 'mentor');
    expect(view.theirs.state).toBe('broken');
    expect(text(view)).not.toContain('salary');
  });

  test('does not show answers sealed again after mine were opened against the first', async () => {
    const { mentee, mentor, session } = await twoSides();
    const first = await submitFeedback(mentee, session, 'mentee', MENTEE);
    await carry(mentee, mentor, first.id);
    await submitFeedback(mentor, session, 'mentor', MENTOR);
    // The mentee seals other answers (a forged record: the app refuses to) and reveals them.
    const resealed = await sealAnswers({ ...MENTEE, word: 'Changed' }, first);
    await mentor.db.feedback.put({
      ...first,
      sealed: resealed.sealed,
      commitment: resealed.commitment,
      revealedKey: resealed.key,
    });
    const view = await readFeedback(await feedbackOf(mentor, session.id), session.id, 'mentor');
    expect(view.theirs.state).toBe('changed');
  });
});

describe('merging feedback', () => {
  async function twoSealings() {
    const { mentee, session } = await twoSides();
    const first = await submitFeedback(mentee, session, 'mentee', MENTEE);
    const again = await sealAnswers({ ...MENTEE, word: 'Changed' }, first);
    mentee.advance(60_000);
    const later: Feedback = {
      ...first,
      sealed: again.sealed,
      commitment: again.commitment,
      updatedAt: mentee.clock.now(),
    };
    return { first, later };
  }

  test('keeps the first sealing when a later one arrives', async () => {
    const { first, later } = await twoSealings();
    const merged = mergeRecord(
      'feedback',
      { record: first, fields: {}, synced: {} },
      { record: later, fields: {}, base: {} },
    );
    expect(merged.record).toMatchObject({ sealed: first.sealed, commitment: first.commitment });
  });

  test('settles on the first sealing whichever arrived first', async () => {
    const { first, later } = await twoSealings();
    const merged = mergeRecord(
      'feedback',
      { record: later, fields: {}, synced: {} },
      { record: first, fields: {}, base: {} },
    );
    expect(merged.record).toMatchObject({ sealed: first.sealed, commitment: first.commitment });
  });

  test('keeps a revealed key when an older version without it arrives', async () => {
    const { first } = await twoSealings();
    const revealed = { ...first, revealedKey: 'A'.repeat(43), updatedAt: `${first.updatedAt}1` };
    const merged = mergeRecord(
      'feedback',
      { record: revealed, fields: {}, synced: {} },
      { record: first, fields: {}, base: {} },
    );
    expect(merged.record.revealedKey).toBe('A'.repeat(43));
  });
});
