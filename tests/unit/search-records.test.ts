import { afterEach, describe, expect, test } from 'vitest';
import { openPrivateDb, openSharedDb } from '../../utils/data/db';
import { addLearning, saveClosing, setLearningVisibility } from '../../utils/data/records/arc';
import {
  feedbackId,
  openFeedbackByChoice,
  revealDue,
  saveFeedbackDraft,
  submitFeedback,
} from '../../utils/data/records/feedback';
import { addGoal, updateGoal } from '../../utils/data/records/goals';
import { addIntroduction } from '../../utils/data/records/introductions';
import { createPair } from '../../utils/data/records/pairs';
import { saveRoleNote, setRoleNoteVisibility } from '../../utils/data/records/role-notes';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import type { Feedback, FeedbackAnswers } from '../../utils/schema/feedback';
import { indexFeedback } from '../../utils/search/feedback-index';
import { liveSearch, runSearch } from '../../utils/search/search';
import { mergeRecord } from '../../utils/sync/merge';
import { closeStores, makeStore, pairInput, type TestStore } from './helpers';
import { storeWithSession } from './records/setup';

/* Search over issue 15's records: introductions, role notes, learnings, goal outcomes, the
   closing, and feedback answers — opened ones only, in the private index only. */

afterEach(closeStores);

/** What a query finds: each hit's table, whether it is private, its text and session. */
async function hits(store: TestStore, query: string) {
  return (await runSearch(store, query)).flatMap((group) =>
    group.sessions.flatMap((bucket) =>
      bucket.hits.map((hit) => ({
        table: hit.table,
        private: hit.private,
        text: hit.text,
        sessionId: bucket.sessionId,
      })),
    ),
  );
}

describe('search over the mentoring records of issue 15', () => {
  test('introductions, role notes, learnings, goal outcomes and the closing are found', async () => {
    const { store, pair, session } = await storeWithSession();
    await addIntroduction(store, session, {
      who: 'Dana Reyes',
      org: 'Quasar Labs',
      why: 'Ran the zeppelin migration',
      followUp: '',
    });
    const shared = await saveRoleNote(store, session, 'mentor', undefined, {
      note: 'Sponsored the marimba pitch',
    });
    await setRoleNoteVisibility(store, shared.id, 'private', 'shared');
    await saveRoleNote(store, session, 'mentor', undefined, { note: 'Worried about kumquat' });
    const sharedLearning = await addLearning(store, {
      pairId: pair.id,
      sessionId: session.id,
      authorRole: 'mentee',
      text: 'Saying no to the ocelot project',
    });
    await setLearningVisibility(store, sharedLearning.id, 'private', 'shared');
    await addLearning(store, {
      pairId: pair.id,
      sessionId: '',
      authorRole: 'mentor',
      text: 'I was unsure about the quokka',
    });
    const goal = await addGoal(store, pair.id, {
      title: 'Lead a team',
      why: '',
      measure: '',
      targetDate: '',
      status: 'active',
      progress: 0,
    });
    await updateGoal(store, goal.id, { outcome: 'Led the narwhal squad' });
    await saveClosing(store, pair.id, {
      whatNext: 'Apply for the albatross role',
      learnFrom: 'Priya in wombat finance',
      endorsement: 'A thoughtful, axolotl-steady lead',
    });

    expect(await hits(store, 'quasar')).toEqual([
      expect.objectContaining({ table: 'introductions', private: false, sessionId: session.id }),
    ]);
    expect(await hits(store, 'marimba')).toEqual([
      expect.objectContaining({ table: 'roleNotes', private: false }),
    ]);
    expect(await hits(store, 'kumquat')).toEqual([
      expect.objectContaining({ table: 'roleNotes', private: true }),
    ]);
    expect(await hits(store, 'ocelot')).toEqual([
      expect.objectContaining({ table: 'learnings', private: false }),
    ]);
    expect(await hits(store, 'quokka')).toEqual([
      expect.objectContaining({ table: 'learnings', private: true, sessionId: null }),
    ]);
    expect(await hits(store, 'narwhal')).toEqual([
      expect.objectContaining({ table: 'goals', sessionId: null }),
    ]);
    // The closing: each of its three texts, shown together, opened in Review (no session).
    for (const word of ['albatross', 'wombat', 'axolotl']) {
      expect(await hits(store, word)).toEqual([
        {
          table: 'closings',
          private: false,
          sessionId: null,
          text: 'Apply for the albatross role — Priya in wombat finance — A thoughtful, axolotl-steady lead',
        },
      ]);
    }
    // Private text stays in the private index; shared text in the shared one.
    const sharedWords = JSON.stringify(await store.db.searchIndex.toArray());
    expect(sharedWords).not.toContain('kumquat');
    expect(sharedWords).not.toContain('quokka');
    expect(sharedWords).toContain('albatross');
    const privateWords = JSON.stringify(await store.privateDb.searchIndex.toArray());
    expect(privateWords).not.toContain('marimba');
    expect(privateWords).not.toContain('albatross');
  });
});

const MENTEE: FeedbackAnswers = {
  helped: 'Walking through the salary talk',
  change: 'Less time on status updates',
  word: 'Clarifying',
  usefulness: 5,
};
const MENTOR: FeedbackAnswers = {
  helped: 'Hearing what Ada already tried',
  change: 'Start with the hardest topic',
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

/**
 * What a sync merge does in the background: the record lands in the shared database and the
 * reveal rule runs — with no private database (the background never opens it).
 */
async function carry(from: TestStore, to: TestStore, id: string) {
  const record = await from.db.feedback.get(id);
  if (!record) throw new Error('nothing to carry');
  const local = await to.db.feedback.get(id);
  const merged = mergeRecord('feedback', local && { record: local, fields: {}, synced: {} }, {
    record,
    fields: (await from.db.syncMeta.get(`feedback:${id}`))?.fields ?? {},
    base: {},
  });
  await to.db.feedback.put(merged.record as Feedback);
  await revealDue(
    { db: to.db, clock: to.clock, deviceId: to.deviceId, now: to.now },
    record.pairId,
  );
}

const words = (store: TestStore) =>
  Promise.all([store.db.searchIndex.toArray(), store.privateDb.searchIndex.toArray()]).then(
    ([shared, own]) => ({ shared: JSON.stringify(shared), private: JSON.stringify(own) }),
  );

describe('search over feedback answers', () => {
  test("this side's draft and submitted answers are found, privately; the other side's sealed ones never", async () => {
    const { mentee, mentor, session } = await twoSides();
    await saveFeedbackDraft(mentee, session, 'mentee', { ...MENTEE, word: '', usefulness: 0 });
    expect(await hits(mentee, 'salary')).toEqual([
      expect.objectContaining({ table: 'feedback', private: true, sessionId: session.id }),
    ]);
    await submitFeedback(mentee, session, 'mentee', MENTEE);
    expect(await hits(mentee, 'clarifying')).toEqual([
      {
        table: 'feedback',
        private: true,
        sessionId: session.id,
        text: 'Walking through the salary talk — Less time on status updates — Clarifying',
      },
    ]);
    // The mentor submits; the sealed record reaches the mentee: its words find nothing.
    await submitFeedback(mentor, session, 'mentor', MENTOR);
    await carry(mentor, mentee, feedbackId(session.id, 'mentor'));
    await indexFeedback(mentee);
    expect(await hits(mentee, 'candid')).toEqual([]);
    expect(await hits(mentee, 'ada')).toEqual([]);
    // Nothing of either side's answers is in the shared index.
    for (const store of [mentee, mentor]) {
      const index = await words(store);
      expect(index.shared).not.toContain('salary');
      expect(index.shared).not.toContain('candid');
    }
    expect((await words(mentee)).private).not.toContain('candid');
  });

  test("the other side's answers are found once revealed by a sync merge the panel's search follows", async () => {
    const { mentee, mentor, session } = await twoSides();
    await submitFeedback(mentor, session, 'mentor', MENTOR);
    await carry(mentor, mentee, feedbackId(session.id, 'mentor'));
    // The mentee's panel has searched already: its live index follows the databases.
    const search = liveSearch(mentee);
    expect(await hits(mentee, 'candid')).toEqual([]);
    await submitFeedback(mentee, session, 'mentee', MENTEE);
    await carry(mentee, mentor, feedbackId(session.id, 'mentee'));
    // The mentor's reveal arrives (written by another connection, as the background's sync).
    const background = {
      ...mentee,
      db: openSharedDb(mentee.db.name),
      privateDb: openPrivateDb(mentee.privateDb.name),
    };
    await carry(mentor, background, feedbackId(session.id, 'mentor'));
    expect(
      (await mentee.db.feedback.get(feedbackId(session.id, 'mentor')))?.revealedKey,
    ).toBeTruthy();
    await expect
      .poll(() => hits(mentee, 'candid'))
      .toEqual([
        {
          table: 'feedback',
          private: true,
          sessionId: session.id,
          text: 'Hearing what Ada already tried — Start with the hardest topic — Candid',
        },
      ]);
    expect(search.stats.records).toBeGreaterThan(0);
    background.db.close();
    background.privateDb.close();
  });

  test('a fresh load indexes what was revealed while no search was open, and drops what is gone', async () => {
    const { mentee, mentor, session } = await twoSides();
    await submitFeedback(mentee, session, 'mentee', MENTEE);
    await submitFeedback(mentor, session, 'mentor', MENTOR);
    await carry(mentee, mentor, feedbackId(session.id, 'mentee'));
    await carry(mentor, mentee, feedbackId(session.id, 'mentor'));
    // The private index lost its feedback rows (as after a backup import into a new browser).
    await mentee.privateDb.searchIndex.clear();
    liveSearch(mentee).dispose();
    expect((await hits(mentee, 'candid')).map((h) => h.table)).toEqual(['feedback']);
    // The other side's record deleted: its words go.
    await mentee.db.feedback.update(feedbackId(session.id, 'mentor'), { deleted: true });
    await expect.poll(() => hits(mentee, 'candid')).toEqual([]);
    expect((await hits(mentee, 'salary')).length).toBe(1);
  });

  test('answers opened by choice stay found; a key that does not match opens nothing', async () => {
    const { mentee, session } = await twoSides();
    const record = await submitFeedback(mentee, session, 'mentee', MENTEE);
    await openFeedbackByChoice(mentee, record.id);
    expect((await hits(mentee, 'salary')).length).toBe(1);
    // This browser's key replaced by one the record did not commit to: nothing opens.
    await mentee.db.feedback.update(record.id, { revealedKey: null });
    await mentee.db.feedbackKeys.update(record.id, { key: 'A'.repeat(43) });
    await indexFeedback(mentee, [record.id]);
    expect(await hits(mentee, 'salary')).toEqual([]);
  });
});
