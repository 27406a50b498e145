import { afterEach, describe, expect, test } from 'vitest';
import { openPrivateDb, openSharedDb } from '../../utils/data/db';
import { addActionItem, reviewActionItem } from '../../utils/data/records/action-items';
import { addGoal, updateGoal } from '../../utils/data/records/goals';
import {
  addNote,
  deleteNote,
  saveNoteBody,
  setNoteVisibility,
} from '../../utils/data/records/notes';
import { createPair, updatePair } from '../../utils/data/records/pairs';
import { addReflection, saveReflectionAnswer } from '../../utils/data/records/reflections';
import {
  ensurePlannedSession,
  holdSession,
  updateSession,
} from '../../utils/data/records/sessions';
import { DAY_MS, nudgesFor } from '../../utils/mentoring/nudges';
import { carryCount, itemsToReview, reviewEffect, reviewState } from '../../utils/mentoring/review';
import { highlight, liveSearch, parseQuery, runSearch, snippet } from '../../utils/search/search';
import { type IndexedDoc, WordIndex } from '../../utils/search/word-index';
import { closeStores, makeStore, pairInput, START } from './helpers';

afterEach(closeStores);

async function heldSessionWithActions() {
  const store = makeStore();
  const pair = await createPair(store, pairInput());
  const first = await ensurePlannedSession(store, pair.id);
  const a = await addActionItem(store, first, { text: 'Send the deck', owner: 'mentee', due: '' });
  const b = await addActionItem(store, first, { text: 'Book a mock', owner: 'mentee', due: '' });
  const c = await addActionItem(store, first, { text: 'Read the book', owner: 'both', due: '' });
  const next = await holdSession(store, first.id, 7);
  return { store, pair, first, next, a, b, c };
}

describe('review transitions', () => {
  test.each([
    ['open', 'done', { status: 'done', carried: null }],
    ['open', 'carry', { status: 'open', carried: true }],
    ['open', 'drop', { status: 'dropped', carried: null }],
    ['carried', 'drop', { status: 'dropped', carried: false }],
    ['carried', 'done', { status: 'done', carried: null }],
    ['carried', 'reopen', { status: 'open', carried: false }],
    ['done', 'reopen', { status: 'open', carried: null }],
    ['dropped', 'carry', { status: 'open', carried: true }],
  ] as const)('%s + %s', (state, choice, effect) => {
    expect(reviewEffect(state, choice)).toEqual(effect);
  });

  test('done, carry and drop change the records; carrying twice into the same session adds one agenda item', async () => {
    const { store, pair, next, a, b, c } = await heldSessionWithActions();
    await reviewActionItem(store, a.id, 'done', next, pair.myRole);
    await reviewActionItem(store, b.id, 'carry', next, pair.myRole);
    await reviewActionItem(store, b.id, 'carry', next, pair.myRole);
    await reviewActionItem(store, c.id, 'drop', next, pair.myRole);
    const items = Object.fromEntries(
      (await store.db.actionItems.toArray()).map((i) => [i.text, [i.status, i.closedInSessionId]]),
    );
    expect(items).toEqual({
      'Send the deck': ['done', next.id],
      'Book a mock': ['open', null],
      'Read the book': ['dropped', next.id],
    });
    const agenda = (await store.db.agendaItems.toArray()).filter((x) => !x.deleted);
    expect(agenda.map((x) => [x.sessionId, x.text, x.carriedFrom])).toEqual([
      [next.id, 'Book a mock', b.id],
    ]);
    expect(reviewState(b, agenda, next.id)).toBe('carried');
  });

  test('a commitment carried three times counts three, and dropping it takes it off the next agenda', async () => {
    const { store, pair, next, b } = await heldSessionWithActions();
    let target = next;
    for (let i = 0; i < 3; i += 1) {
      await reviewActionItem(store, b.id, 'carry', target, pair.myRole);
      target = await holdSession(store, target.id, 7);
    }
    const agenda = (await store.db.agendaItems.toArray()).filter((x) => !x.deleted);
    expect(carryCount(b, agenda)).toBe(3);
    await reviewActionItem(store, b.id, 'carry', target, pair.myRole);
    await reviewActionItem(store, b.id, 'drop', target, pair.myRole);
    const after = (await store.db.agendaItems.toArray()).filter((x) => !x.deleted);
    expect(after.filter((x) => x.sessionId === target.id)).toEqual([]);
    expect(carryCount(b, after)).toBe(3);
  });

  test('the items to review: last session’s, then older ones still open', async () => {
    const { store, first, next, a } = await heldSessionWithActions();
    const later = await addActionItem(store, next, { text: 'Later', owner: 'mentor', due: '' });
    const all = await store.db.actionItems.toArray();
    expect(itemsToReview(all, first, next.id).map((i) => i.text)).toEqual([
      'Send the deck',
      'Book a mock',
      'Read the book',
    ]);
    expect(itemsToReview(all, undefined, null).map((i) => i.id)).toContain(later.id);
    expect(itemsToReview(all, undefined, next.id).map((i) => i.id)).not.toContain(later.id);
    expect(itemsToReview(all, undefined, next.id).map((i) => i.id)).toContain(a.id);
  });
});

describe('nudges', () => {
  test('no session for longer than the cadence, items past due, a goal stuck for three sessions', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ cadenceDays: 14 }));
    const goal = await addGoal(store, pair.id, {
      title: 'Public speaking',
      why: '',
      measure: '',
      targetDate: '',
      status: 'active',
      progress: 30,
    });
    let session = await ensurePlannedSession(store, pair.id);
    for (let i = 0; i < 3; i += 1) {
      await updateSession(store, session.id, {
        scheduledAt: `2023-11-${String(15 + i).padStart(2, '0')}T10:00`,
      });
      session = await holdSession(store, session.id, 14);
    }
    await addActionItem(store, session, {
      text: 'Overdue thing',
      owner: 'mentee',
      due: '2023-11-01',
    });
    await addActionItem(store, session, {
      text: 'Future thing',
      owner: 'mentee',
      due: '2099-01-01',
    });
    const load = async () => ({
      sessions: await store.db.sessions.toArray(),
      actionItems: await store.db.actionItems.toArray(),
      goals: await store.db.goals.toArray(),
    });
    const now = new Date('2023-12-20T12:00').getTime();
    const kinds = nudgesFor({ pair, ...(await load()), now })
      .map((n) => n.kind)
      .sort();
    expect(kinds).toEqual(['no-session', 'overdue-action', 'stalled-goal']);
    // Progress made: the goal nudge goes; a session two days ago: the rhythm nudge goes.
    await updateGoal(store, goal.id, { progress: 40 });
    const soon = new Date('2023-11-18T12:00').getTime();
    const after = nudgesFor({ pair, ...(await load()), now: soon }).map((n) => n.kind);
    expect(after).toEqual(['overdue-action']);
  });

  test('a new pair is nudged once its first cadence has passed without a session', () => {
    const pair = { ...pairFixture(), createdAt: START };
    expect(
      nudgesFor({ pair, sessions: [], actionItems: [], goals: [], now: START + 10 * DAY_MS }),
    ).toEqual([]);
    expect(
      nudgesFor({ pair, sessions: [], actionItems: [], goals: [], now: START + 15 * DAY_MS }).map(
        (n) => n.id,
      ),
    ).toEqual(['no-session:never']);
  });
});

function pairFixture() {
  return {
    id: 'p',
    updatedAt: 'x',
    deleted: false,
    deviceId: 'd',
    ...pairInput({ cadenceDays: 14 }),
    matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
    archived: false,
    createdAt: START,
  };
}

describe('search', () => {
  test('the last word is a prefix while typing; a trailing space makes it whole', () => {
    expect(parseQuery('launch pla')).toEqual({ words: ['launch', 'pla'], prefixLast: true });
    expect(parseQuery('launch plan ')).toEqual({ words: ['launch', 'plan'], prefixLast: false });
    expect(parseQuery('  ')).toEqual({ words: [], prefixLast: false });
  });

  const doc = (key: string, extra: Partial<IndexedDoc> = {}): IndexedDoc => ({
    key,
    table: key.slice(0, key.indexOf(':')),
    recordId: key.slice(key.indexOf(':') + 1),
    pairId: 'p',
    sessionId: null,
    isPrivate: false,
    ...extra,
  });
  const keys = (index: WordIndex, query: string, when: (d: IndexedDoc) => number = () => 0) =>
    index.search(parseQuery(query), 50, when).best.map((m) => m.doc.key);

  test('exact matches rank above prefix matches, notes above lists, newer above older', () => {
    const index = new WordIndex();
    index.put(doc('agendaItems:1'), ['plans']);
    index.put(doc('notes:2'), ['plans']);
    index.put(doc('agendaItems:3'), ['plan']);
    index.put(doc('goals:4'), ['planning']);
    index.put(doc('notes:5', { sessionId: 'new' }), ['plans']);
    const when = (d: IndexedDoc) =>
      Date.parse(d.sessionId === 'new' ? '2026-11-01T10:00' : '2020-01-01T10:00');
    expect(keys(index, 'plan', when)).toEqual([
      'agendaItems:3',
      'notes:5',
      'notes:2',
      'agendaItems:1',
      'goals:4',
    ]);
    expect(index.search(parseQuery('plan'), 2, when)).toEqual({
      total: 5,
      best: [
        { doc: doc('agendaItems:3'), exact: 1 },
        { doc: doc('notes:5', { sessionId: 'new' }), exact: 0 },
      ],
    });
  });

  test('of many matches, the best few are the newest of the best score, in a stable order', () => {
    const index = new WordIndex();
    for (let i = 0; i < 3000; i += 1) {
      index.put(doc(`notes:${String(i).padStart(4, '0')}`, { sessionId: `s${i % 300}` }), ['w']);
    }
    index.put(doc('goals:g'), ['w']);
    const when = (d: IndexedDoc) => Number(d.sessionId?.slice(1) ?? -1) * 86_400_000;
    const found = index.search(parseQuery('w'), 12, when);
    expect(found.total).toBe(3001);
    // Session 299 holds notes 0299, 0599, … 2999 (ten of them), then session 298.
    expect(found.best.map((m) => m.doc.key)).toEqual([
      ...Array.from({ length: 10 }, (_, k) => `notes:${String(299 + k * 300).padStart(4, '0')}`),
      'notes:0298',
      'notes:0598',
    ]);
  });

  test('every word must match: words before the last whole, the last as a prefix until a space', () => {
    const index = new WordIndex();
    index.put(doc('notes:a'), ['launch', 'plan']);
    index.put(doc('notes:b'), ['launch']);
    index.put(doc('notes:c'), ['planet', 'launches']);
    expect(keys(index, 'plan lau')).toEqual(['notes:a']);
    expect(keys(index, 'planet lau')).toEqual(['notes:c']);
    expect(keys(index, 'plan lau ')).toEqual([]);
    expect(keys(index, 'plan launch ')).toEqual(['notes:a']);
    expect(keys(index, 'launch')).toEqual(['notes:b', 'notes:a', 'notes:c'].sort());
    expect(keys(index, 'launch ')).toEqual(['notes:a', 'notes:b']);
    expect(keys(index, 'zebra')).toEqual([]);
    expect(keys(index, '')).toEqual([]);
  });

  test('replacing and removing documents, and compacting, keep the answers right', () => {
    const index = new WordIndex();
    for (let i = 0; i < 3000; i += 1) index.put(doc(`notes:${i}`), ['common', `w${i}`]);
    index.put(doc('notes:x', { isPrivate: true }), ['common', 'secret']);
    expect(index.size).toBe(3001);
    // Same key, other database: two documents.
    index.put(doc('notes:x'), ['other']);
    expect(index.size).toBe(3002);
    // A new version of a record replaces its words.
    index.put(doc('notes:7'), ['changed']);
    expect(keys(index, 'w7 ')).toEqual([]);
    expect(keys(index, 'changed ')).toEqual(['notes:7']);
    // Removing more than half compacts; the rest still answer.
    for (let i = 0; i < 2500; i += 1) index.remove(false, `notes:${i}`);
    expect(index.size).toBe(502);
    expect(index.search(parseQuery('common '), 5000, () => 0).total).toBe(501);
    expect(keys(index, 'w2999 ')).toEqual(['notes:2999']);
    expect(keys(index, 'secr')).toEqual(['notes:x']);
    expect(index.search(parseQuery('secr'), 1, () => 0).best[0]?.doc.isPrivate).toBe(true);
    index.clear(true);
    expect(keys(index, 'secr')).toEqual([]);
    expect(index.size).toBe(501);
  });

  test('the live index follows every write: new, edited, deleted, private, other pages and bulk imports', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Live' }));
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'shared');
    await saveNoteBody(store, note.id, 'shared', 'First draft about zeppelins');
    const texts = async (query: string) =>
      (await runSearch(store, query)).flatMap((g) =>
        g.sessions.flatMap((s) => s.hits.map((h) => h.text)),
      );
    expect(await texts('zepp')).toEqual(['First draft about zeppelins']);
    const search = liveSearch(store);
    let told = 0;
    const stop = search.subscribe(() => {
      told += 1;
    });
    // An edit after the index was loaded: the new words, the new text, the old words gone.
    await saveNoteBody(store, note.id, 'shared', 'Second draft about airships');
    expect(await texts('zepp')).toEqual([]);
    expect(await texts('airsh')).toEqual(['Second draft about airships']);
    expect(told).toBeGreaterThan(0);
    // A private note, and a session moved: the date shown follows.
    await addNote(store, session, 'private', 'Private airship worries');
    expect(
      (await runSearch(store, 'airship')).flatMap((g) =>
        g.sessions.flatMap((s) => s.hits.map((h) => h.private)),
      ),
    ).toEqual([true, false]); // "airship" whole in the private note, only a prefix of "airships"
    await updateSession(store, session.id, { scheduledAt: '2031-05-06T07:08' });
    expect((await runSearch(store, 'airsh'))[0]?.sessions[0]?.when).toBe('2031-05-06T07:08');
    // The pair renamed.
    await updatePair(store, pair.id, { title: 'Renamed' });
    expect((await runSearch(store, 'airsh'))[0]?.pairTitle).toBe('Renamed');
    // A write by another connection to the same databases (another page): Dexie reports it too.
    const other = {
      db: openSharedDb(store.db.name),
      privateDb: openPrivateDb(store.privateDb.name),
    };
    await other.db.searchIndex.bulkPut(
      Array.from({ length: 60 }, (_, i) => ({
        id: `agendaItems:bulk-${i}`,
        table: 'agendaItems',
        recordId: `bulk-${i}`,
        pairId: pair.id,
        sessionId: session.id,
        words: ['imported', `item${i}`],
      })),
    );
    await other.db.agendaItems.bulkPut(
      Array.from({ length: 60 }, (_, i) => ({
        id: `bulk-${i}`,
        updatedAt: '0',
        deleted: false,
        deviceId: 'x',
        pairId: pair.id,
        sessionId: session.id,
        text: `Imported item ${i}`,
        addedBy: 'mentor' as const,
        order: i,
        done: false,
        carriedFrom: null,
      })),
    );
    expect((await texts('imported item42 ')).length).toBe(1);
    // A note moved to private, then deleted.
    await setNoteVisibility(store, note.id, 'shared', 'private');
    expect(
      (await runSearch(store, 'second draft')).flatMap((g) =>
        g.sessions.flatMap((s) => s.hits.map((h) => h.private)),
      ),
    ).toEqual([true]);
    await deleteNote(store, note.id, 'private');
    expect(await texts('second draft')).toEqual([]);
    await other.db.searchIndex.clear();
    expect(await texts('imported')).toEqual([]);
    expect(await texts('airsh')).toEqual(['Private airship worries']);
    other.db.close();
    other.privateDb.close();
    stop();
  });

  test('a long text is shown as a window around its first match, at a word start, accents and all', () => {
    const filler = 'lorem ipsum dolor '.repeat(20); // 360 characters
    expect(snippet('Short text', ['text'])).toBe('Short text');
    expect(snippet(`${filler}the Zeppelin arrives ${filler}`, ['zepp'])).toBe(
      `…${`${filler}the Zeppelin arrives ${filler}`.slice(364 - 80, 364 + 80)}…`,
    );
    // "plan" inside "explanation" is not a match; the later whole word is.
    const text = `An explanation. ${filler}Our plan is simple.`;
    expect(snippet(text, ['plan'])).toContain('Our plan is simple.');
    // Accented text: the window is cut where the match is in the original text.
    const accented = `${'é'.repeat(300)} Élan vital`;
    expect(snippet(accented, ['elan'])).toBe(`…${accented.slice(301 - 80)}`);
    // No match near the start (a goal matched on its title): the beginning.
    expect(snippet(`${filler}`, ['nothing'])).toBe(`${filler.slice(0, 160)}…`);
  });

  test('highlighting marks word starts, ignoring case and accents, and keeps everything else as text', () => {
    expect(highlight('Élan and planning <b>', ['elan', 'plan'])).toEqual([
      { text: 'Élan', match: true },
      { text: ' and ', match: false },
      { text: 'plan', match: true },
      { text: 'ning <b>', match: false },
    ]);
    expect(highlight('explain', ['plain'])).toEqual([{ text: 'explain', match: false }]);
    // Upper-case ASCII among accented letters, and a letter whose decomposition is longer.
    expect(highlight('CRÈME Brûlée İstanbul PLAN', ['creme', 'brulee', 'istan', 'plan'])).toEqual([
      { text: 'CRÈME', match: true },
      { text: ' ', match: false },
      { text: 'Brûlée', match: true },
      { text: ' ', match: false },
      { text: 'İstan', match: true },
      { text: 'bul ', match: false },
      { text: 'PLAN', match: true },
    ]);
    expect(highlight('', ['x'])).toEqual([]);
  });

  test('finds notes, reflections and action items of every pair, private ones included, grouped by pair and session', async () => {
    const store = makeStore();
    const one = await createPair(store, pairInput({ title: 'One' }));
    const two = await createPair(store, pairInput({ title: 'Two' }));
    const s1 = await ensurePlannedSession(store, one.id);
    const s2 = await ensurePlannedSession(store, two.id);
    const shared = await addNote(store, s1, 'shared');
    await saveNoteBody(store, shared.id, 'shared', 'Budget review next quarter');
    await addNote(store, s2, 'private', 'My budget worries');
    const reflection = await addReflection(store, s2, 'What did I learn?', 'shared');
    await saveReflectionAnswer(store, reflection.id, 'shared', 'Budgets need slack');
    await addActionItem(store, s1, { text: 'Draft the budget', owner: 'both', due: '' });
    const groups = await runSearch(store, 'budg');
    expect(groups.map((g) => g.pairTitle).sort()).toEqual(['One', 'Two']);
    const hits = groups.flatMap((g) => g.sessions.flatMap((s) => s.hits));
    expect(hits.map((h) => [h.table, h.private]).sort()).toEqual([
      ['actionItems', false],
      ['notes', false],
      ['notes', true],
      ['reflections', false],
    ]);
    expect(await runSearch(store, 'budget worries')).toHaveLength(1);
    // Words before the last are whole words; the last is a prefix until a space follows it.
    expect(await runSearch(store, 'worries bud')).toHaveLength(1);
    expect(await runSearch(store, 'worries bud ')).toEqual([]);
    expect(await runSearch(store, 'budg worries')).toEqual([]);
    // A whole-word match ranks above a prefix match ("budget" vs "budgets").
    const budget = (await runSearch(store, 'budget'))
      .flatMap((g) => g.sessions.flatMap((s) => s.hits))
      .map((h) => h.text);
    expect(budget.at(-1)).toContain('Budgets need slack');
    expect(budget).toHaveLength(4);
    expect(await runSearch(store, 'nothing')).toEqual([]);
    expect(await runSearch(store, '')).toEqual([]);
  });
});
