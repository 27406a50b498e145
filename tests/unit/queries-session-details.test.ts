import { afterEach, describe, expect, test } from 'vitest';
import { addActionItem, removeActionItem } from '../../utils/data/records/action-items';
import { addAgendaItem, moveAgendaItem } from '../../utils/data/records/agenda-items';
import { addGoal } from '../../utils/data/records/goals';
import { addNote, deleteNote } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { addReflection, saveReflectionAnswer } from '../../utils/data/records/reflections';
import {
  ensurePlannedSession,
  holdSession,
  updateSession,
} from '../../utils/data/records/sessions';
import {
  detailsOf,
  historyOf,
  pairForExport,
  sessionForExport,
} from '../../utils/queries/session-details';
import { closeStores, makeStore, pairInput, type TestStore } from './helpers';

afterEach(closeStores);

const DAY = 86_400_000;

/** A pair with one held session full of records (some deleted, some private) and a next one. */
async function pairWithHistory(store: TestStore) {
  const pair = await createPair(store, pairInput());
  await addGoal(store, pair.id, {
    title: 'Speak at a conference',
    why: '',
    measure: '',
    targetDate: '',
    status: 'active',
    progress: 20,
  });
  const first = await ensurePlannedSession(store, pair.id);
  await updateSession(store, first.id, { scheduledAt: '2026-01-13T10:30' });
  const abstract = await addAgendaItem(store, first, 'Talk abstract', 'mentee');
  await addAgendaItem(store, first, 'Salary talk', 'mentee');
  await moveAgendaItem(store, abstract.id, 1);
  store.advance(1000);
  await addNote(store, first, 'private', 'Only mine');
  store.advance(1000);
  await addNote(store, first, 'shared', 'Went through the draft');
  const gone = await addNote(store, first, 'shared', 'Deleted note');
  await deleteNote(store, gone.id, 'shared');
  await addActionItem(store, first, { text: 'Draft the abstract', owner: 'mentee', due: '' });
  const dropped = await addActionItem(store, first, { text: 'Removed', owner: 'both', due: '' });
  await removeActionItem(store, dropped.id);
  const answer = await addReflection(store, first, 'What was hard?', 'private');
  await saveReflectionAnswer(store, answer.id, 'private', 'Feeling like an impostor');
  store.advance(DAY);
  const next = await holdSession(store, first.id, pair.cadenceDays);
  await addAgendaItem(store, next, 'Rehearse the talk', 'mentee');
  return { pair, first, next };
}

describe('what was written in a session, read once for the history and the export', () => {
  test('leaves deleted records out and puts the rest in display order, private ones on request', async () => {
    const store = makeStore();
    const { first } = await pairWithHistory(store);
    const [withPrivate] = await detailsOf(store, [first], { includePrivate: true });
    expect(withPrivate?.agenda.map((a) => a.text)).toEqual(['Salary talk', 'Talk abstract']);
    expect(withPrivate?.notes.map((n) => n.body)).toEqual(['Only mine', 'Went through the draft']);
    expect(withPrivate?.actionItems.map((a) => a.text)).toEqual(['Draft the abstract']);
    expect(withPrivate?.reflections.map((r) => r.answer)).toEqual(['Feeling like an impostor']);
    const [sharedOnly] = await detailsOf(store, [first], { includePrivate: false });
    expect(sharedOnly?.notes.map((n) => n.body)).toEqual(['Went through the draft']);
    expect(sharedOnly?.reflections).toEqual([]);
  });

  test('the history shows the newest sessions first, a page at a time, and reaches back to a searched-for one', async () => {
    const store = makeStore();
    const { pair, first, next } = await pairWithHistory(store);
    await updateSession(store, next.id, { scheduledAt: '2026-01-27T10:30' });
    const all = await historyOf(store, pair.id, { shown: 10 });
    expect(all.total).toBe(2);
    expect(all.page.map((d) => d.session.id)).toEqual([next.id, first.id]);
    expect(all.page[1]?.notes.map((n) => n.body)).toEqual(['Only mine', 'Went through the draft']);
    expect(all.held.map((s) => s.id)).toEqual([first.id]);
    expect(all.goals.map((g) => g.title)).toEqual(['Speak at a conference']);
    const one = await historyOf(store, pair.id, { shown: 1 });
    expect(one.page.map((d) => d.session.id)).toEqual([next.id]);
    const searched = await historyOf(store, pair.id, { shown: 1, targetSessionId: first.id });
    expect(searched.page.map((d) => d.session.id)).toEqual([next.id, first.id]);
  });

  test('an export reads the same details, and nothing for a session or pair that is gone', async () => {
    const store = makeStore();
    const { pair, first, next } = await pairWithHistory(store);
    const session = await sessionForExport(store, first.id, { includePrivate: false });
    expect(session?.pair.id).toBe(pair.id);
    expect(session?.session.status).toBe('held');
    expect(session?.notes.map((n) => n.body)).toEqual(['Went through the draft']);
    expect(session?.agenda.map((a) => a.text)).toEqual(['Salary talk', 'Talk abstract']);
    const whole = await pairForExport(store, pair.id, { includePrivate: false });
    expect(whole?.sessions.map((d) => d.session.id).sort()).toEqual([first.id, next.id].sort());
    expect(whole?.goals.map((g) => g.title)).toEqual(['Speak at a conference']);
    expect(await sessionForExport(store, 'missing', { includePrivate: true })).toBeUndefined();
    expect(await pairForExport(store, 'missing', { includePrivate: true })).toBeUndefined();
  });
});
