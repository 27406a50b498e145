import { afterEach, describe, expect, test } from 'vitest';
import { parseHlc } from '../../utils/data/hlc';
import {
  addActionItem,
  removeActionItem,
  updateActionItem,
} from '../../utils/data/records/action-items';
import {
  addAgendaItem,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../../utils/data/records/agenda-items';
import {
  addGoal,
  completeGoal,
  deleteGoal,
  moveGoal,
  updateGoal,
} from '../../utils/data/records/goals';
import {
  addNote,
  deleteNote,
  saveNoteBody,
  setNoteVisibility,
} from '../../utils/data/records/notes';
import { createPair, updatePair } from '../../utils/data/records/pairs';
import {
  addCustomPrompt,
  removeCustomPrompt,
  setPromptState,
} from '../../utils/data/records/prompts';
import {
  ensurePlannedSession,
  holdSession,
  undoHoldSession,
  updateSession,
} from '../../utils/data/records/sessions';
import { nextSessionDate } from '../../utils/mentoring/cadence';
import { byOrder } from '../../utils/mentoring/order';
import { promptBank } from '../../utils/prompts/bank';
import type { Goal } from '../../utils/schema/goal';
import { closeStores, makeStore, pairInput, type TestStore } from './helpers';

afterEach(closeStores);

/** Every row of every table of both databases. */
async function everything(store: TestStore): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of store.db.tables) rows[`shared.${table.name}`] = await table.toArray();
  for (const table of store.privateDb.tables) rows[`private.${table.name}`] = await table.toArray();
  return rows;
}

async function storeWithPair(options: Parameters<typeof makeStore>[0] = {}) {
  const store = makeStore(options);
  const pair = await createPair(store, pairInput());
  return { store, pair };
}

async function storeWithSession() {
  const { store, pair } = await storeWithPair();
  const session = await ensurePlannedSession(store, pair.id);
  return { store, pair, session };
}

const goalInput = (title: string) => ({
  title,
  why: '',
  measure: '',
  targetDate: '',
  status: 'active' as const,
  progress: 0,
});

async function goalTitles(store: TestStore, pairId: string): Promise<string[]> {
  const goals = await store.db.goals.where('pairId').equals(pairId).toArray();
  return goals
    .filter((g) => !g.deleted)
    .sort(byOrder)
    .map((g) => g.title);
}

async function agendaTexts(store: TestStore, sessionId: string): Promise<string[]> {
  const items = await store.db.agendaItems.where('sessionId').equals(sessionId).toArray();
  return items
    .filter((i) => !i.deleted)
    .sort(byOrder)
    .map((i) => i.text);
}

describe('pairs', () => {
  test('creates a pair that starts active, with nothing linked yet', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Ada and Grace' }));
    expect(await store.db.pairs.get(pair.id)).toEqual({
      ...pairInput({ title: 'Ada and Grace' }),
      id: pair.id,
      archived: false,
      matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
      createdAt: store.now(),
      updatedAt: pair.updatedAt,
      deleted: false,
      deviceId: 'device-a',
    });
  });

  test('refuses a pair without a title and stores nothing', async () => {
    const store = makeStore();
    const before = await everything(store);
    await expect(createPair(store, pairInput({ title: '' }))).rejects.toThrow(
      'Title: Give the pair a title',
    );
    expect(await everything(store)).toEqual(before);
  });

  test('saves changes to a pair and keeps what was not changed', async () => {
    const { store, pair } = await storeWithPair();
    store.advance(60_000);
    await updatePair(store, pair.id, { title: 'Ada & Grace', cadenceDays: 7 });
    const stored = await store.db.pairs.get(pair.id);
    expect(stored).toMatchObject({
      title: 'Ada & Grace',
      cadenceDays: 7,
      createdAt: pair.createdAt,
    });
    expect(stored?.members).toEqual(pair.members);
    expect(stored && stored.updatedAt > pair.updatedAt).toBe(true);
  });

  test('keeps the stored pair when a change is invalid', async () => {
    const { store, pair } = await storeWithPair();
    await expect(updatePair(store, pair.id, { cadenceDays: 0 })).rejects.toThrow(/Meeting cadence/);
    expect(await store.db.pairs.get(pair.id)).toEqual(pair);
  });

  test('says so when the pair to change is gone', async () => {
    const store = makeStore();
    await expect(updatePair(store, 'missing', { title: 'x' })).rejects.toThrow(
      'That pair no longer exists.',
    );
  });

  test('archives a pair without deleting it', async () => {
    const { store, pair } = await storeWithPair();
    await updatePair(store, pair.id, { archived: true });
    expect(await store.db.pairs.get(pair.id)).toMatchObject({
      archived: true,
      deleted: false,
      title: pair.title,
    });
  });
});

describe('goals', () => {
  test('appends each new goal after the others of its pair', async () => {
    const { store, pair } = await storeWithPair();
    const other = await createPair(store, pairInput({ title: 'Other pair' }));
    await addGoal(store, other.id, goalInput('Elsewhere'));
    const goals: Goal[] = [];
    for (const title of ['First', 'Second', 'Third'])
      goals.push(await addGoal(store, pair.id, goalInput(title)));
    expect(goals.map((g) => g.order)).toEqual([1, 2, 3]);
    expect(await goalTitles(store, pair.id)).toEqual(['First', 'Second', 'Third']);
  });

  test('moves a goal up and down', async () => {
    const { store, pair } = await storeWithPair();
    const [, second, third] = [
      await addGoal(store, pair.id, goalInput('A')),
      await addGoal(store, pair.id, goalInput('B')),
      await addGoal(store, pair.id, goalInput('C')),
    ];
    await moveGoal(store, third.id, -1);
    expect(await goalTitles(store, pair.id)).toEqual(['A', 'C', 'B']);
    await moveGoal(store, second.id, -1);
    await moveGoal(store, second.id, -1);
    expect(await goalTitles(store, pair.id)).toEqual(['B', 'A', 'C']);
    await moveGoal(store, second.id, 1);
    expect(await goalTitles(store, pair.id)).toEqual(['A', 'B', 'C']);
  });

  test('leaves everything as it is when the first goal moves up or the last moves down', async () => {
    const { store, pair } = await storeWithPair();
    const first = await addGoal(store, pair.id, goalInput('A'));
    const last = await addGoal(store, pair.id, goalInput('B'));
    const before = await everything(store);
    await moveGoal(store, first.id, -1);
    await moveGoal(store, last.id, 1);
    await moveGoal(store, 'missing', 1);
    expect(await everything(store)).toEqual(before);
  });

  test('marks a goal achieved at full progress', async () => {
    const { store, pair } = await storeWithPair();
    const goal = await addGoal(store, pair.id, { ...goalInput('Talk'), progress: 30 });
    await completeGoal(store, goal.id);
    expect(await store.db.goals.get(goal.id)).toMatchObject({ status: 'achieved', progress: 100 });
  });

  test('refuses progress above 100 and keeps the stored goal', async () => {
    const { store, pair } = await storeWithPair();
    const goal = await addGoal(store, pair.id, goalInput('Talk'));
    await expect(updateGoal(store, goal.id, { progress: 150 })).rejects.toThrow(/^Progress: /);
    expect(await store.db.goals.get(goal.id)).toEqual(goal);
  });

  test('deletes a goal as a tombstone that sync can carry, not by erasing the row', async () => {
    const { store, pair } = await storeWithPair();
    const goal = await addGoal(store, pair.id, goalInput('Talk'));
    await deleteGoal(store, goal.id);
    const stored = await store.db.goals.get(goal.id);
    expect(stored).toMatchObject({ id: goal.id, deleted: true });
    expect(stored && stored.updatedAt > goal.updatedAt).toBe(true);
    expect(await goalTitles(store, pair.id)).toEqual([]);
    await expect(updateGoal(store, goal.id, { title: 'Back' })).rejects.toThrow(
      'That goal no longer exists.',
    );
  });

  test('leaves deleted goals out when ordering', async () => {
    const { store, pair } = await storeWithPair();
    const a = await addGoal(store, pair.id, goalInput('A'));
    const b = await addGoal(store, pair.id, goalInput('B'));
    await deleteGoal(store, a.id);
    await moveGoal(store, b.id, -1); // B is first among the live goals: nothing to do
    expect((await store.db.goals.get(b.id))?.order).toBe(2);
    expect((await addGoal(store, pair.id, goalInput('C'))).order).toBe(3);
    expect(await goalTitles(store, pair.id)).toEqual(['B', 'C']);
  });
});

describe('sessions', () => {
  test('plans one session for a pair that has none', async () => {
    const { store, pair } = await storeWithPair();
    const session = await ensurePlannedSession(store, pair.id);
    expect(session).toMatchObject({ pairId: pair.id, status: 'planned', scheduledAt: '' });
    expect(await store.db.sessions.get(session.id)).toEqual(session);
  });

  test('gives back the same planned session when asked twice', async () => {
    const { store, pair } = await storeWithPair();
    const first = await ensurePlannedSession(store, pair.id);
    const second = await ensurePlannedSession(store, pair.id);
    expect(second.id).toBe(first.id);
    expect(await store.db.sessions.count()).toBe(1);
  });

  test('plans only one session when two panels ask at the same moment', async () => {
    const { store, pair } = await storeWithPair();
    const [a, b] = await Promise.all([
      ensurePlannedSession(store, pair.id),
      ensurePlannedSession(store, pair.id),
    ]);
    expect(a.id).toBe(b.id);
    expect(await store.db.sessions.count()).toBe(1);
  });

  test('refuses a session time that is not a date and time', async () => {
    const { store, session } = await storeWithSession();
    await expect(updateSession(store, session.id, { scheduledAt: 'Tuesday' })).rejects.toThrow(
      /^Date and time: /,
    );
    expect(await store.db.sessions.get(session.id)).toEqual(session);
  });

  test('marks a held session and plans the next one a cadence later', async () => {
    const { store, pair, session } = await storeWithSession();
    await updateSession(store, session.id, { scheduledAt: '2025-01-28T10:30' });
    const next = await holdSession(store, session.id, 14);
    expect(await store.db.sessions.get(session.id)).toMatchObject({ status: 'held' });
    expect(next).toMatchObject({
      pairId: pair.id,
      status: 'planned',
      scheduledAt: '2025-02-11T10:30',
    });
    expect(next.scheduledAt).toBe(nextSessionDate('2025-01-28T10:30', 14));
    expect((await ensurePlannedSession(store, pair.id)).id).toBe(next.id);
    const planned = await store.db.sessions.filter((s) => s.status === 'planned').toArray();
    expect(planned.map((s) => s.id)).toEqual([next.id]);
  });

  test('leaves the next date unset when the held session had none', async () => {
    const { store, session } = await storeWithSession();
    const next = await holdSession(store, session.id, 7);
    expect(next.scheduledAt).toBe('');
  });

  // Bug: holdSession (utils/data/records.ts) does not check that the session is still planned, so
  // a second "Yes, session held" (double click, or a second window) plans a second session.
  test('holding the same session twice still leaves exactly one planned session', async () => {
    const { store, pair, session } = await storeWithSession();
    await holdSession(store, session.id, 14);
    await holdSession(store, session.id, 14).catch(() => undefined);
    const planned = await store.db.sessions
      .where('pairId')
      .equals(pair.id)
      .filter((s) => s.status === 'planned' && !s.deleted)
      .toArray();
    expect(planned).toHaveLength(1);
  });
});

describe('taking "session held" back', () => {
  test('plans the held session again and removes the session planned after it', async () => {
    const { store, pair, session } = await storeWithSession();
    await updateSession(store, session.id, { scheduledAt: '2026-12-08T10:00' });
    await addAgendaItem(store, session, 'Stays with the session', 'mentor');
    const next = await holdSession(store, session.id, 14);
    await undoHoldSession(store, session.id, next.id);
    const again = await store.db.sessions.get(session.id);
    expect(again).toMatchObject({ status: 'planned', scheduledAt: '2026-12-08T10:00' });
    expect(again?.heldAt).toBeUndefined();
    expect(again?.goalProgress).toBeUndefined();
    expect((await store.db.sessions.get(next.id))?.deleted).toBe(true);
    expect((await ensurePlannedSession(store, pair.id)).id).toBe(session.id);
    // Both changes go to the other member like any edit.
    expect((await store.db.outbox.toArray()).map((o) => o.recordId)).toEqual(
      expect.arrayContaining([session.id, next.id]),
    );
  });

  test('changes nothing once the next session has something in it, and says why', async () => {
    const { store, session } = await storeWithSession();
    const next = await holdSession(store, session.id, 14);
    await addNote(store, next, 'private', 'Written into the next session');
    await expect(undoHoldSession(store, session.id, next.id)).rejects.toThrow(
      /can no longer be undone/,
    );
    expect(await store.db.sessions.get(session.id)).toMatchObject({ status: 'held' });
    expect((await store.db.sessions.get(next.id))?.deleted).toBe(false);
  });
});

describe('agenda items', () => {
  test('adds items in order, trimmed, not yet done', async () => {
    const { store, session } = await storeWithSession();
    const first = await addAgendaItem(store, session, '  Talk abstract  ', 'mentee');
    await addAgendaItem(store, session, 'Conference list', 'mentor');
    expect(first).toMatchObject({
      text: 'Talk abstract',
      addedBy: 'mentee',
      done: false,
      carriedFrom: null,
      order: 1,
      sessionId: session.id,
      pairId: session.pairId,
    });
    expect(await agendaTexts(store, session.id)).toEqual(['Talk abstract', 'Conference list']);
  });

  test('refuses an item of only spaces and stores nothing', async () => {
    const { store, session } = await storeWithSession();
    await expect(addAgendaItem(store, session, '   ', 'mentee')).rejects.toThrow(
      'Text: An agenda item needs text',
    );
    expect(await store.db.agendaItems.count()).toBe(0);
  });

  test('edits the text and ticks an item off', async () => {
    const { store, session } = await storeWithSession();
    const item = await addAgendaItem(store, session, 'Talk', 'mentee');
    await updateAgendaItem(store, item.id, { text: 'Talk abstract' });
    await updateAgendaItem(store, item.id, { done: true });
    expect(await store.db.agendaItems.get(item.id)).toMatchObject({
      text: 'Talk abstract',
      done: true,
    });
    await updateAgendaItem(store, item.id, { done: false });
    expect((await store.db.agendaItems.get(item.id))?.done).toBe(false);
  });

  test('moves items up and down within their session only', async () => {
    const { store, session } = await storeWithSession();
    const otherSession = await holdSession(store, session.id, 7);
    await addAgendaItem(store, otherSession, 'Elsewhere', 'mentor');
    const a = await addAgendaItem(store, session, 'A', 'mentee');
    await addAgendaItem(store, session, 'B', 'mentee');
    const c = await addAgendaItem(store, session, 'C', 'mentee');
    await moveAgendaItem(store, c.id, -1);
    expect(await agendaTexts(store, session.id)).toEqual(['A', 'C', 'B']);
    await moveAgendaItem(store, a.id, 1);
    expect(await agendaTexts(store, session.id)).toEqual(['C', 'A', 'B']);
    await moveAgendaItem(store, c.id, -1);
    expect(await agendaTexts(store, session.id)).toEqual(['C', 'A', 'B']);
    expect(await agendaTexts(store, otherSession.id)).toEqual(['Elsewhere']);
  });

  test('removes an item as a tombstone and refuses to edit it afterwards', async () => {
    const { store, session } = await storeWithSession();
    const item = await addAgendaItem(store, session, 'Talk', 'mentee');
    await removeAgendaItem(store, item.id);
    expect(await store.db.agendaItems.get(item.id)).toMatchObject({ deleted: true });
    expect(await agendaTexts(store, session.id)).toEqual([]);
    await expect(updateAgendaItem(store, item.id, { done: true })).rejects.toThrow(
      'That agenda item no longer exists.',
    );
  });
});

describe('notes', () => {
  const SECRET = 'I am thinking of changing teams';

  test('keeps a private note in the private database only', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'private', SECRET);
    expect(await store.privateDb.notes.get(note.id)).toMatchObject({
      body: SECRET,
      visibility: 'private',
    });
    expect(await store.db.notes.count()).toBe(0);
  });

  test('keeps a shared note in the shared database only', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'shared', 'Agreed on the talk');
    expect(await store.db.notes.get(note.id)).toMatchObject({ body: 'Agreed on the talk' });
    expect(await store.privateDb.notes.count()).toBe(0);
  });

  test('starts a note empty when no text is given', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'shared');
    expect((await store.db.notes.get(note.id))?.body).toBe('');
  });

  test('saves the text of a note where it lives', async () => {
    const { store, session } = await storeWithSession();
    const mine = await addNote(store, session, 'private');
    const ours = await addNote(store, session, 'shared');
    await saveNoteBody(store, mine.id, 'private', SECRET);
    await saveNoteBody(store, ours.id, 'shared', 'Shared words');
    expect((await store.privateDb.notes.get(mine.id))?.body).toBe(SECRET);
    expect((await store.db.notes.get(ours.id))?.body).toBe('Shared words');
    expect(JSON.stringify(await store.db.notes.toArray())).not.toContain(SECRET);
  });

  test('refuses to save into a note that is not there', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'private');
    await expect(saveNoteBody(store, note.id, 'shared', 'text')).rejects.toThrow(
      'That note no longer exists.',
    );
    expect(await store.db.notes.count()).toBe(0);
  });

  test('moves a private note to shared and leaves no private copy', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'private', 'Now for both of us');
    const moved = await setNoteVisibility(store, note.id, 'private', 'shared');
    expect(moved).toMatchObject({ id: note.id, visibility: 'shared', body: 'Now for both of us' });
    expect(await store.db.notes.get(note.id)).toEqual(moved);
    expect(await store.privateDb.notes.get(note.id)).toBeUndefined();
  });

  test('moves a shared note to private and leaves no trace of its text in the shared database', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'shared', SECRET);
    const moved = await setNoteVisibility(store, note.id, 'shared', 'private');
    expect(await store.privateDb.notes.get(note.id)).toEqual(moved);
    expect(moved).toMatchObject({ visibility: 'private', body: SECRET, deleted: false });
    const tombstone = await store.db.notes.get(note.id);
    expect(tombstone).toMatchObject({ deleted: true, body: '' });
    expect(tombstone && tombstone.updatedAt > note.updatedAt).toBe(true);
    expect(JSON.stringify(await store.db.notes.toArray())).not.toContain(SECRET);
    expect(JSON.stringify(await store.db.notes.toArray())).not.toContain('changing teams');
  });

  test('can share a note again after making it private', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'shared', 'Back and forth');
    await setNoteVisibility(store, note.id, 'shared', 'private');
    await setNoteVisibility(store, note.id, 'private', 'shared');
    expect(await store.db.notes.get(note.id)).toMatchObject({
      deleted: false,
      body: 'Back and forth',
    });
    expect(await store.privateDb.notes.count()).toBe(0);
  });

  test('leaves a note alone when it is moved to where it already is', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'private', 'Stay');
    expect(await setNoteVisibility(store, note.id, 'private', 'private')).toEqual(note);
    expect(await store.privateDb.notes.get(note.id)).toEqual(note);
  });

  test('refuses to move a note that is gone', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'shared', 'Bye');
    await deleteNote(store, note.id, 'shared');
    await expect(setNoteVisibility(store, note.id, 'shared', 'private')).rejects.toThrow(
      'That note no longer exists.',
    );
    expect(await store.privateDb.notes.count()).toBe(0);
  });

  test('deletes a private note outright', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'private', SECRET);
    await deleteNote(store, note.id, 'private');
    expect(await store.privateDb.notes.count()).toBe(0);
  });

  test('deletes a shared note as a tombstone without its text', async () => {
    const { store, session } = await storeWithSession();
    const note = await addNote(store, session, 'shared', SECRET);
    await deleteNote(store, note.id, 'shared');
    expect(await store.db.notes.get(note.id)).toMatchObject({ deleted: true, body: '' });
    expect(JSON.stringify(await store.db.notes.toArray())).not.toContain(SECRET);
  });
});

describe('action items', () => {
  test('adds an open action item with trimmed text', async () => {
    const { store, session } = await storeWithSession();
    const item = await addActionItem(store, session, {
      text: ' Send abstract ',
      owner: 'mentee',
      due: '2025-02-01',
    });
    expect(await store.db.actionItems.get(item.id)).toMatchObject({
      text: 'Send abstract',
      owner: 'mentee',
      due: '2025-02-01',
      status: 'open',
      closedInSessionId: null,
      sessionId: session.id,
    });
  });

  test('refuses an action item with a bad due date and stores nothing', async () => {
    const { store, session } = await storeWithSession();
    await expect(
      addActionItem(store, session, { text: 'Send', owner: 'mentee', due: 'Friday' }),
    ).rejects.toThrow(/^Due date: /);
    expect(await store.db.actionItems.count()).toBe(0);
  });

  test('remembers the session an item was done in, and forgets it when reopened', async () => {
    const { store, session } = await storeWithSession();
    const item = await addActionItem(store, session, { text: 'Send', owner: 'both', due: '' });
    const next = await holdSession(store, session.id, 7);
    await updateActionItem(store, item.id, { status: 'done' }, next.id);
    expect(await store.db.actionItems.get(item.id)).toMatchObject({
      status: 'done',
      closedInSessionId: next.id,
    });
    await updateActionItem(store, item.id, { text: 'Send the abstract' }, 'some-later-session');
    expect((await store.db.actionItems.get(item.id))?.closedInSessionId).toBe(next.id);
    await updateActionItem(store, item.id, { status: 'open' }, next.id);
    expect(await store.db.actionItems.get(item.id)).toMatchObject({
      status: 'open',
      closedInSessionId: null,
      text: 'Send the abstract',
    });
  });

  test('removes an action item as a tombstone', async () => {
    const { store, session } = await storeWithSession();
    const item = await addActionItem(store, session, { text: 'Send', owner: 'both', due: '' });
    await removeActionItem(store, item.id);
    expect(await store.db.actionItems.get(item.id)).toMatchObject({ deleted: true, text: 'Send' });
    await expect(updateActionItem(store, item.id, { status: 'done' })).rejects.toThrow(
      'That action item no longer exists.',
    );
  });
});

describe('prompts', () => {
  test('adds a prompt the pair wrote, for every model', async () => {
    const { store, pair } = await storeWithPair();
    const custom = await addCustomPrompt(store, pair.id, {
      text: '  What surprised you?  ',
      phase: 'review',
      role: 'both',
      theme: 'feedback',
    });
    expect(custom.id).toMatch(/^custom-/);
    expect(await store.db.customPrompts.get(custom.id)).toMatchObject({
      text: 'What surprised you?',
      models: [],
      pairId: pair.id,
    });
    await removeCustomPrompt(store, custom.id);
    expect((await store.db.customPrompts.get(custom.id))?.deleted).toBe(true);
  });

  test('keeps one state row per pair and prompt, updated in place', async () => {
    const { store, pair } = await storeWithPair();
    const promptId = promptBank()[0]?.id ?? '';
    const first = await setPromptState(store, pair.id, promptId, { pinned: true });
    store.advance(1_000);
    await setPromptState(store, pair.id, promptId, { lastShownAt: store.now() });
    const rows = await store.db.promptStates.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: `${pair.id}:${promptId}`,
      pairId: pair.id,
      promptId,
      pinned: true,
      skippedUntil: 0,
      lastShownAt: store.now(),
    });
    expect((rows[0]?.updatedAt ?? '') > first.updatedAt).toBe(true);
  });

  // Bug: the state id `${pairId}:${promptId}` (utils/data/records.ts, setPromptState) is 36 + 1 +
  // 43 = 80 characters for a custom prompt ("custom-" + a UUID), over recordId's limit of 64
  // (utils/schema/common.ts): pinning, skipping or moving past a pair's own prompt fails.
  test('pins a prompt the pair wrote itself', async () => {
    const { store, pair } = await storeWithPair({ newId: () => crypto.randomUUID() });
    const custom = await addCustomPrompt(store, pair.id, {
      text: 'What would you tell your younger self?',
      phase: 'live',
      role: 'both',
      theme: 'strengths',
    });
    await setPromptState(store, pair.id, custom.id, { pinned: true });
    expect(await store.db.promptStates.where('pairId').equals(pair.id).toArray()).toMatchObject([
      { promptId: custom.id, pinned: true },
    ]);
  });
});

describe('stamps', () => {
  test('stamps every write with a later clock value and this device, even when the clock stands still', async () => {
    const store = makeStore({ deviceId: 'laptop' }); // the wall clock never moves in this test
    const stamps: string[] = [];
    const pair = await createPair(store, pairInput());
    stamps.push(pair.updatedAt);
    const goalA = await addGoal(store, pair.id, goalInput('A'));
    const goalB = await addGoal(store, pair.id, goalInput('B'));
    stamps.push(goalA.updatedAt, goalB.updatedAt);
    await moveGoal(store, goalB.id, -1);
    const movedA = await store.db.goals.get(goalA.id);
    const movedB = await store.db.goals.get(goalB.id);
    stamps.push(movedB?.updatedAt ?? '', movedA?.updatedAt ?? '');
    const session = await ensurePlannedSession(store, pair.id);
    stamps.push(session.updatedAt);
    stamps.push((await addAgendaItem(store, session, 'Topic', 'mentee')).updatedAt);
    const note = await addNote(store, session, 'private', 'x');
    stamps.push(note.updatedAt);
    stamps.push((await saveNoteBody(store, note.id, 'private', 'xy')).updatedAt);
    stamps.push((await setNoteVisibility(store, note.id, 'private', 'shared')).updatedAt);
    stamps.push(
      (await addActionItem(store, session, { text: 'Do', owner: 'both', due: '' })).updatedAt,
    );
    stamps.push(
      (await setPromptState(store, pair.id, 'bank-goals-01', { pinned: true })).updatedAt,
    );
    stamps.push((await holdSession(store, session.id, 7)).updatedAt);

    for (let i = 1; i < stamps.length; i += 1) {
      expect((stamps[i] as string) > (stamps[i - 1] as string), `write ${i}`).toBe(true);
    }
    // Records only: sync bookkeeping and the search index carry no stamps of their own.
    const rows = Object.entries(await everything(store))
      .filter(
        ([table]) => !/\.(outbox|syncMeta|syncSpaces|conflicts|searchIndex|clock)$/.test(table),
      )
      .flatMap(([, records]) => records) as Array<{
      updatedAt: string;
      deviceId: string;
    }>;
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) {
      expect(row.deviceId).toBe('laptop');
      expect(parseHlc(row.updatedAt)).toMatchObject({ wall: store.now(), deviceId: 'laptop' });
    }
  });

  test('stamps after the clock went back are still later than the ones before', async () => {
    const { store, pair } = await storeWithPair();
    store.advance(-3_600_000);
    const changed = await updatePair(store, pair.id, { title: 'After the clock went back' });
    expect(changed.updatedAt > pair.updatedAt).toBe(true);
  });
});
