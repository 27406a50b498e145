import { afterEach, describe, expect, test } from 'vitest';
import {
  feedbackId,
  openFeedbackByChoice,
  revealDue,
  saveFeedbackDraft,
  submitFeedback,
} from '../../../utils/data/records/feedback';
import { createPair, updatePair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { newAgendaFields } from '../../../utils/mentoring/agenda-draft';
import { feedbackByMember } from '../../../utils/mentoring/feedback-members';
import { sealAnswers } from '../../../utils/mentoring/feedback-seal';
import { myMember } from '../../../utils/mentoring/my-member';
import {
  feedbackOf,
  openedFeedbackOf,
  readFeedback,
  readGroupFeedback,
} from '../../../utils/queries/feedback';
import type { Feedback, FeedbackAnswers } from '../../../utils/schema/feedback';
import type { Pair } from '../../../utils/schema/pair';
import { mergeRecord } from '../../../utils/sync/merge';
import { closeStores, makeStore, pairInput, type TestStore } from '../helpers';
import { everything } from './setup';

afterEach(closeStores);

const answers = (word: string, helped: string, usefulness = 4): FeedbackAnswers => ({
  helped,
  change: `${word} would change nothing`,
  word,
  usefulness,
});
const ANA = answers('Brave', 'Ana: the mock interview');
const BEN = answers('Calm', 'Ben: the reading list', 3);
const GRACE = answers('Lively', 'Grace: two questions at once', 5);

const MEMBERS = [
  { id: 'ana', name: 'Ana', email: '', role: 'mentee' as const },
  { id: 'ben', name: 'Ben', email: '', role: 'mentee' as const },
  { id: 'grace', name: 'Grace', email: '', role: 'mentor' as const },
];

const text = (value: unknown) => JSON.stringify(value);

/** A circle: one mentor and two mentees, each on their own browser, each knowing who they are. */
async function circle() {
  const first = makeStore({ deviceId: 'ana-device' });
  const pair = await createPair(
    first,
    pairInput({ model: 'group', members: MEMBERS, myRole: 'mentee', myMemberId: 'ana' }),
  );
  const session = await ensurePlannedSession(first, pair.id);
  const browsers: Record<string, TestStore> = { ana: first };
  for (const [id, role] of [
    ['ben', 'mentee'],
    ['grace', 'mentor'],
  ] as const) {
    const store = makeStore({ deviceId: `${id}-device` });
    await store.db.pairs.put({ ...pair, myRole: role, myMemberId: id });
    await store.db.sessions.put(session);
    browsers[id] = store;
  }
  return { browsers: browsers as Record<'ana' | 'ben' | 'grace', TestStore>, pair, session };
}

/** What sync would do: one browser's version of a record merged into another's. */
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

/** Every browser's records reach every other browser (twice: reveals travel after records). */
async function syncAll(browsers: Record<string, TestStore>) {
  for (let round = 0; round < 2; round += 1) {
    for (const from of Object.values(browsers)) {
      for (const record of await from.db.feedback.toArray()) {
        for (const to of Object.values(browsers)) if (to !== from) await carry(from, to, record.id);
      }
    }
  }
}

async function groupView(store: TestStore, pair: Pair, sessionId: string, memberId: string) {
  return readGroupFeedback(await feedbackOf(store, sessionId), pair, sessionId, memberId);
}

describe('which member am I', () => {
  test('is the only member of my role, or the one picked, never a guess', () => {
    const group = pairInput({ model: 'group', members: MEMBERS, myRole: 'mentee' });
    expect(myMember({ ...group, myRole: 'mentor' })).toBe('grace');
    expect(myMember(group)).toBeUndefined();
    expect(myMember({ ...group, myMemberId: 'ben' })).toBe('ben');
    // A pick that is not a member of my role (left the group, or another role) does not count.
    expect(myMember({ ...group, myMemberId: 'grace' })).toBeUndefined();
    expect(myMember({ ...group, myMemberId: 'gone' })).toBeUndefined();
    // Peers share the role: only a pick says who I am.
    const peers = pairInput({
      model: 'peer',
      members: [
        { id: 'p1', name: 'Pat', email: '', role: 'mentor' },
        { id: 'p2', name: 'Sam', email: '', role: 'mentor' },
      ],
      myRole: 'mentor',
    });
    expect(myMember(peers)).toBeUndefined();
    expect(myMember({ ...peers, myMemberId: 'p2' })).toBe('p2');
  });

  test('names the author of agenda items in a group once picked', () => {
    const group = pairInput({ model: 'group', members: MEMBERS, myRole: 'mentee' });
    expect(newAgendaFields(group).authorId).toBeUndefined();
    expect(newAgendaFields({ ...group, myMemberId: 'ben' }).authorId).toBe('ben');
  });

  test('stays local: a synced copy of the pair never replaces it', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ model: 'group', members: MEMBERS }));
    const mine = await updatePair(store, pair.id, { myMemberId: 'ana' });
    const theirs: Pair = { ...mine, myMemberId: 'ben', updatedAt: `${mine.updatedAt}9` };
    const merged = mergeRecord(
      'pairs',
      { record: mine, fields: {}, synced: {} },
      { record: theirs, fields: { myMemberId: theirs.updatedAt }, base: {} },
    );
    expect((merged.record as Pair).myMemberId).toBe('ana');
    // Nor fills it in where this browser has not picked (the other browser's user is not me).
    const unpicked = mergeRecord(
      'pairs',
      { record: pair, fields: {}, synced: {} },
      { record: theirs, fields: { myMemberId: theirs.updatedAt }, base: {} },
    );
    expect((unpicked.record as Pair).myMemberId).toBeUndefined();
  });

  test('keeps feedback per side outside groups with several members of a side', () => {
    expect(feedbackByMember(pairInput())).toBe(false);
    expect(feedbackByMember(pairInput({ model: 'group', members: MEMBERS }))).toBe(true);
    expect(feedbackByMember(pairInput({ model: 'group', members: MEMBERS.slice(1) }))).toBe(false);
  });
});

describe('feedback in a group of one mentor and two mentees', () => {
  test("two mentees' answers are two records: neither is lost", async () => {
    const { browsers, pair, session } = await circle();
    const ana = await submitFeedback(browsers.ana, session, 'mentee', ANA, 'ana', true);
    const ben = await submitFeedback(browsers.ben, session, 'mentee', BEN, 'ben', true);
    expect(ana.id).toBe(feedbackId(session.id, 'mentee', 'ana'));
    expect(ben.id).toBe(`${session.id}:ben`);
    expect(ana).toMatchObject({ memberId: 'ana', side: 'mentee' });
    await syncAll(browsers);
    for (const store of Object.values(browsers)) {
      const ids = (await store.db.feedback.toArray()).map((r) => r.id).sort();
      expect(ids).toEqual([`${session.id}:ana`, `${session.id}:ben`]);
    }
    // Each mentee still reads their own answers, on their own browser.
    expect((await groupView(browsers.ana, pair, session.id, 'ana')).mine).toMatchObject({
      state: 'open',
      answers: ANA,
    });
    expect((await groupView(browsers.ben, pair, session.id, 'ben')).mine).toMatchObject({
      state: 'open',
      answers: BEN,
    });
  });

  test('nothing is readable until all three submitted, then all of it is', async () => {
    const { browsers, pair, session } = await circle();
    await submitFeedback(browsers.ana, session, 'mentee', ANA, 'ana', true);
    await submitFeedback(browsers.ben, session, 'mentee', BEN, 'ben', true);
    await syncAll(browsers);
    // Two of three: no key is revealed, nobody reads anyone else's answers.
    for (const record of await browsers.grace.db.feedback.toArray()) {
      expect(record.revealedKey).toBeNull();
    }
    const early = await groupView(browsers.ben, pair, session.id, 'ben');
    expect(early.others.map((o) => [o.member.id, o.state.state])).toEqual([
      ['ana', 'sealed'],
      ['grace', 'absent'],
    ]);
    expect(text(await everything(browsers.grace))).not.toContain('mock interview');
    expect(text(early.others)).not.toContain('mock interview');

    await submitFeedback(browsers.grace, session, 'mentor', GRACE, 'grace', true);
    await syncAll(browsers);
    const mine = { ana: ANA, ben: BEN, grace: GRACE };
    for (const id of ['ana', 'ben', 'grace'] as const) {
      const view = await groupView(browsers[id], pair, session.id, id);
      expect(view.mine).toMatchObject({ state: 'open', answers: mine[id] });
      for (const other of view.others) {
        expect(other.state).toMatchObject({
          state: 'open',
          answers: mine[other.member.id as keyof typeof mine],
        });
      }
      expect(view.others).toHaveLength(2);
    }
    // History and export list each member's answers under their member.
    const opened = await openedFeedbackOf(browsers.grace, session.id);
    expect(opened.map((o) => [o.memberId, o.answers.word])).toEqual([
      ['ana', 'Brave'],
      ['ben', 'Calm'],
      ['grace', 'Lively'],
    ]);
  });

  test('opening my own by choice shows mine to the group, and nobody else’s', async () => {
    const { browsers, pair, session } = await circle();
    const ana = await submitFeedback(browsers.ana, session, 'mentee', ANA, 'ana', true);
    await submitFeedback(browsers.ben, session, 'mentee', BEN, 'ben', true);
    await openFeedbackByChoice(browsers.ana, ana.id);
    await syncAll(browsers);
    const view = await groupView(browsers.grace, pair, session.id, 'grace');
    expect(view.others.map((o) => [o.member.id, o.state.state])).toEqual([
      ['ana', 'open'],
      ['ben', 'sealed'],
    ]);
  });

  test('a mentee submits once; the draft is per member', async () => {
    const { browsers, session } = await circle();
    await saveFeedbackDraft(browsers.ana, session, 'mentee', { ...ANA, usefulness: 0 }, 'ana');
    expect((await browsers.ana.db.feedbackKeys.get(`${session.id}:ana`))?.draft?.word).toBe(
      'Brave',
    );
    await submitFeedback(browsers.ana, session, 'mentee', ANA, 'ana', true);
    await expect(submitFeedback(browsers.ana, session, 'mentee', BEN, 'ana', true)).rejects.toThrow(
      'This feedback was submitted already.',
    );
  });

  test('spoofed records are ignored: not shown, not waited on, not lost', async () => {
    const { browsers, pair, session } = await circle();
    const ana = await submitFeedback(browsers.ana, session, 'mentee', ANA, 'ana', true);
    await syncAll(browsers);
    const grace = browsers.grace;
    const forge = async (id: string, fields: Partial<Feedback>) => {
      const made = await sealAnswers(answers('Forged', 'forged text'), {
        id,
        pairId: pair.id,
        sessionId: session.id,
        side: fields.side ?? 'mentee',
      });
      await grace.db.feedback.put({
        ...ana,
        id,
        sealed: made.sealed,
        commitment: made.commitment,
        revealedKey: made.key,
        ...fields,
      });
    };
    // A stranger's answers, a mentee's under the mentors' id, and Ben's under an id not his.
    await forge(`${session.id}:stranger`, { memberId: 'stranger' });
    await forge(`${session.id}:mentor`, { memberId: 'grace', side: 'mentee' });
    await forge(`${session.id}:ben-x`, { memberId: 'ben' });
    // Ana's member under the wrong side, in another session's id space.
    await forge(`${session.id}:ana-as-mentor`, { memberId: 'ana', side: 'mentor' });
    const view = await groupView(grace, pair, session.id, 'grace');
    expect(view.others.map((o) => [o.member.id, o.state.state])).toEqual([
      ['ana', 'sealed'],
      ['ben', 'absent'],
    ]);
    expect(view.mine.state).toBe('absent');
    expect(text(view)).not.toContain('forged');
    // Grace still answers under her own id; the spoofs neither stand in for Ben nor reveal.
    const mine = await submitFeedback(grace, session, 'mentor', GRACE, 'grace', true);
    expect(mine.revealedKey).toBeNull();
    expect((await grace.db.feedback.get(ana.id))?.revealedKey).toBeNull();
    expect(await grace.db.feedback.count()).toBe(6);
    expect(text(await openedFeedbackOf(grace, session.id))).not.toContain('Forged');
  });

  test('a member who sealed again after the reveal is not shown', async () => {
    const { browsers, pair, session } = await circle();
    const ana = await submitFeedback(browsers.ana, session, 'mentee', ANA, 'ana', true);
    await submitFeedback(browsers.ben, session, 'mentee', BEN, 'ben', true);
    await submitFeedback(browsers.grace, session, 'mentor', GRACE, 'grace', true);
    await syncAll(browsers);
    const resealed = await sealAnswers({ ...ANA, word: 'Changed' }, ana);
    await browsers.ben.db.feedback.put({
      ...ana,
      sealed: resealed.sealed,
      commitment: resealed.commitment,
      revealedKey: resealed.key,
    });
    const view = await groupView(browsers.ben, pair, session.id, 'ben');
    expect(view.others.find((o) => o.member.id === 'ana')?.state.state).toBe('changed');
    expect(text(view)).not.toContain('Changed');
  });
});

describe('one-to-one feedback stays per side', () => {
  test('ids and reading are as before', async () => {
    const mentee = makeStore();
    const pair = await createPair(mentee, pairInput());
    const session = await ensurePlannedSession(mentee, pair.id);
    const record = await submitFeedback(mentee, session, 'mentee', ANA, 'm1');
    expect(record.id).toBe(`${session.id}:mentee`);
    expect(record.memberId).toBe('m1');
    const view = await readFeedback(await feedbackOf(mentee, session.id), session.id, 'mentee');
    expect(view.mine).toMatchObject({ state: 'open', answers: ANA });
  });
});
