import { afterEach, describe, expect, test } from 'vitest';
import { DAY_MS, nudgesFor } from '../../utils/nudges';
import {
  addActionItem,
  addGoal,
  addNote,
  addReflection,
  createPair,
  ensurePlannedSession,
  holdSession,
  reviewActionItem,
  saveNoteBody,
  saveReflectionAnswer,
  updateGoal,
  updateSession,
} from '../../utils/records';
import { carryCount, itemsToReview, reviewEffect, reviewState } from '../../utils/review';
import {
  hasEveryWord,
  highlight,
  parseQuery,
  rankMatches,
  runSearch,
  SCAN_CAP,
} from '../../utils/search';
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

  test('exact matches rank above prefix matches, notes above lists', () => {
    const ranked = rankMatches([
      { key: 'agendaItems:1', exact: 0 },
      { key: 'notes:2', exact: 0 },
      { key: 'agendaItems:3', exact: 1 },
      { key: 'goals:4', exact: 0 },
    ]);
    expect(ranked.map((e) => e.key)).toEqual([
      'agendaItems:3',
      'notes:2',
      'agendaItems:1',
      'goals:4',
    ]);
  });

  test('a record has every query word, the last one as a prefix while it is typed', () => {
    expect(hasEveryWord(['launch', 'plan'], parseQuery('plan lau'))).toBe(true);
    expect(hasEveryWord(['launch', 'plan'], parseQuery('plan lau '))).toBe(false);
    expect(hasEveryWord(['launch', 'plan'], parseQuery('plan launch '))).toBe(true);
    expect(hasEveryWord(['launch'], parseQuery('plan lau'))).toBe(false);
  });

  test('words too common to list whole still match exactly: the rare word leads, the rows are checked', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Busy' }));
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'shared');
    await saveNoteBody(store, note.id, 'shared', 'A common word beside a rare one: zephyr');
    // More index rows holding "common" than one lookup reads.
    await store.db.searchIndex.bulkPut(
      Array.from({ length: SCAN_CAP + 50 }, (_, i) => ({
        id: `agendaItems:filler-${String(i).padStart(5, '0')}`,
        table: 'agendaItems',
        recordId: `filler-${i}`,
        pairId: pair.id,
        sessionId: session.id,
        words: ['common', 'filler'],
      })),
    );
    for (const query of ['common zephyr', 'zephyr comm', 'common zep', 'zephyr common ']) {
      const hits = (await runSearch(store, query)).flatMap((g) =>
        g.sessions.flatMap((x) => x.hits),
      );
      expect(
        hits.map((h) => h.recordId),
        query,
      ).toEqual([note.id]);
    }
  });

  test('highlighting marks word starts, ignoring case and accents, and keeps everything else as text', () => {
    expect(highlight('Élan and planning <b>', ['elan', 'plan'])).toEqual([
      { text: 'Élan', match: true },
      { text: ' and ', match: false },
      { text: 'plan', match: true },
      { text: 'ning <b>', match: false },
    ]);
    expect(highlight('explain', ['plain'])).toEqual([{ text: 'explain', match: false }]);
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
