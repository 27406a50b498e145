import { afterEach, describe, expect, test } from 'vitest';
import {
  addActionItem,
  removeActionItem,
  reviewActionItem,
} from '../../utils/data/records/action-items';
import { addAgendaItem, removeAgendaItem } from '../../utils/data/records/agenda-items';
import { addGoal, deleteGoal } from '../../utils/data/records/goals';
import { addNote, deleteNote, setNoteVisibility } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import {
  addCustomPrompt,
  removeCustomPrompt,
  setPromptState,
} from '../../utils/data/records/prompts';
import { addReflection } from '../../utils/data/records/reflections';
import { ensurePlannedSession, holdSession } from '../../utils/data/records/sessions';
import { actionHistoryOf, actionItemsOf } from '../../utils/queries/action-items';
import { agendaItemsOf, agendaOf } from '../../utils/queries/agenda-items';
import { conflictsOf } from '../../utils/queries/conflicts';
import { goalsOf } from '../../utils/queries/goals';
import { notesOf } from '../../utils/queries/notes';
import { pairById } from '../../utils/queries/pairs';
import { promptsOf } from '../../utils/queries/prompts';
import { reflectionsOf } from '../../utils/queries/reflections';
import {
  heldInOrder,
  meetingsOfSessions,
  sessionById,
  sessionsOf,
} from '../../utils/queries/sessions';
import { closeStores, makeStore, pairInput } from './helpers';

afterEach(closeStores);

const goal = (title: string) => ({
  title,
  why: '',
  measure: '',
  targetDate: '',
  status: 'active' as const,
  progress: 0,
});

describe('reads of one pair or one session', () => {
  test('goals come in the order the pair put them; a deleted goal or pair is not read', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    await addGoal(store, pair.id, goal('First'));
    const gone = await addGoal(store, pair.id, goal('Gone'));
    await addGoal(store, pair.id, goal('Third'));
    await deleteGoal(store, gone.id);
    expect((await goalsOf(store.db, pair.id)).map((g) => g.title)).toEqual(['First', 'Third']);
    expect((await pairById(store.db, pair.id))?.title).toBe(pair.title);
    await store.db.pairs.update(pair.id, { deleted: true });
    expect(await pairById(store.db, pair.id)).toBeUndefined();
  });

  test("a session's notes and reflections join both databases, oldest first, deleted ones left out", async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    await addNote(store, session, 'shared', 'One');
    store.advance(1000);
    const moved = await addNote(store, session, 'shared', 'Two, made private');
    await setNoteVisibility(store, moved.id, 'shared', 'private');
    store.advance(1000);
    const gone = await addNote(store, session, 'private', 'Deleted');
    await deleteNote(store, gone.id, 'private');
    expect((await notesOf(store, session.id)).map((n) => [n.body, n.visibility])).toEqual([
      ['One', 'shared'],
      ['Two, made private', 'private'],
    ]);
    await addReflection(store, session, 'Mine', 'private');
    store.advance(1000);
    await addReflection(store, session, 'Ours', 'shared');
    expect((await reflectionsOf(store, session.id)).map((r) => r.prompt)).toEqual(['Mine', 'Ours']);
  });

  test('sessions, agenda and action items: live ones in order; the action history keeps the deleted', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const first = await ensurePlannedSession(store, pair.id);
    await addAgendaItem(store, first, 'Kept', 'mentee');
    const removed = await addAgendaItem(store, first, 'Removed', 'mentor');
    await removeAgendaItem(store, removed.id);
    const action = await addActionItem(store, first, {
      text: 'Call Alan',
      owner: 'mentee',
      due: '',
    });
    const deleted = await addActionItem(store, first, { text: 'Dropped', owner: 'both', due: '' });
    store.advance(86_400_000);
    const next = await holdSession(store, first.id, pair.cadenceDays);
    await reviewActionItem(store, action.id, 'carry', next, pair.myRole);
    await removeActionItem(store, deleted.id);
    expect((await sessionsOf(store.db, pair.id)).map((s) => s.id)).toEqual([first.id, next.id]);
    expect(heldInOrder(await sessionsOf(store.db, pair.id)).map((s) => s.id)).toEqual([first.id]);
    expect((await sessionById(store.db, next.id))?.status).toBe('planned');
    expect((await agendaOf(store.db, first.id)).map((a) => a.text)).toEqual(['Kept']);
    expect((await agendaItemsOf(store.db, pair.id)).map((a) => a.text).sort()).toEqual([
      'Call Alan',
      'Kept',
    ]);
    expect((await actionItemsOf(store.db, pair.id)).map((a) => a.text)).toEqual(['Call Alan']);
    const history = await actionHistoryOf(store.db, pair.id);
    expect(history.actions.map((a) => a.text).sort()).toEqual(['Call Alan', 'Dropped']);
    expect(history.agenda.find((a) => a.carriedFrom === action.id)?.sessionId).toBe(next.id);
  });

  test('meetings are known from the sessions made for them', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    expect(await meetingsOfSessions(store.db)).toEqual([]);
    await store.db.sessions.update(session.id, {
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    });
    expect((await meetingsOfSessions(store.db)).map((m) => m.pairId)).toEqual([pair.id]);
  });

  test("the pair's prompt states and its own prompts, deleted ones left out", async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const prompt = { phase: 'review', role: 'both', theme: 'options' } as const;
    await addCustomPrompt(store, pair.id, { text: 'Kept?', ...prompt });
    const gone = await addCustomPrompt(store, pair.id, { text: 'Gone?', ...prompt });
    await removeCustomPrompt(store, gone.id);
    await setPromptState(store, pair.id, 'goals-1', { pinned: true });
    const read = await promptsOf(store.db, pair.id);
    expect(read.custom.map((c) => c.text)).toEqual(['Kept?']);
    expect(read.states.map((s) => [s.promptId, s.pinned])).toEqual([['goals-1', true]]);
  });

  test("an unresolved conflict comes with its note and that note's session; a resolved one not", async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'shared', 'Kept version');
    const copy = {
      pairId: pair.id,
      table: 'notes',
      recordId: note.id,
      field: 'body',
      text: 'Other version',
      fromDeviceId: 'device-b',
      createdAt: store.now(),
    } as const;
    await store.db.conflicts.bulkAdd([
      { ...copy, id: 'open-copy', resolved: false },
      { ...copy, id: 'settled-copy', resolved: true },
    ]);
    const shown = await conflictsOf(store.db, pair.id);
    expect(shown.map((c) => [c.copy.id, c.record?.body, c.session?.id])).toEqual([
      ['open-copy', 'Kept version', session.id],
    ]);
  });
});
