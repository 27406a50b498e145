import { afterEach, describe, expect, test } from 'vitest';
import { addGoal, updateGoal } from '../../utils/data/records/goals';
import {
  addNote,
  deleteNote,
  saveNoteBody,
  setNoteVisibility,
} from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import { wordsOf } from '../../utils/search/search-index';
import { closeStores, goalInput, makeStore, pairInput } from './helpers';

afterEach(closeStores);

describe('what every shared write leaves for sync and search', () => {
  test('an edit queues its record once in the outbox and stamps only the fields it changed', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const goal = await addGoal(store, pair.id, goalInput());
    const created = await store.db.syncMeta.get(`goals:${goal.id}`);
    expect(created?.fields.title).toBe(goal.updatedAt);
    store.advance(1000);
    const edited = await updateGoal(store, goal.id, { progress: 40 });
    const meta = await store.db.syncMeta.get(`goals:${goal.id}`);
    expect(meta?.fields.progress).toBe(edited.updatedAt);
    expect(meta?.fields.title).toBe(goal.updatedAt);
    const outbox = await store.db.outbox.toArray();
    expect(outbox.filter((row) => row.recordId === goal.id)).toHaveLength(1);
    expect(outbox.map((row) => row.table).sort()).toEqual(['goals', 'pairs']);
    expect(outbox.every((row) => row.pairId === pair.id)).toBe(true);
  });

  test('a write that fails validation leaves no outbox row, stamp or index entry behind', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const goal = await addGoal(store, pair.id, goalInput());
    await store.db.outbox.clear();
    await expect(updateGoal(store, goal.id, { progress: 150 })).rejects.toThrow('Progress');
    expect(await store.db.outbox.count()).toBe(0);
    expect((await store.db.goals.get(goal.id))?.progress).toBe(0);
  });

  test('private notes are indexed privately and never queued for sync', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'private', '');
    await saveNoteBody(store, note.id, 'private', 'Worried about the salary talk');
    expect((await store.privateDb.searchIndex.get(`notes:${note.id}`))?.words).toContain('salary');
    expect(await store.db.searchIndex.get(`notes:${note.id}`)).toBeUndefined();
    expect((await store.db.outbox.toArray()).some((row) => row.recordId === note.id)).toBe(false);
    const sharedDump = JSON.stringify([
      await store.db.searchIndex.toArray(),
      await store.db.outbox.toArray(),
      await store.db.syncMeta.toArray(),
    ]);
    expect(sharedDump).not.toContain('salary');
  });

  test('sharing a note moves its words to the shared index; making it private again retracts them', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'private', 'Launch checklist');
    await setNoteVisibility(store, note.id, 'private', 'shared');
    expect(await store.privateDb.searchIndex.get(`notes:${note.id}`)).toBeUndefined();
    expect((await store.db.searchIndex.get(`notes:${note.id}`))?.words).toEqual([
      'launch',
      'checklist',
    ]);
    expect((await store.db.outbox.toArray()).some((row) => row.recordId === note.id)).toBe(true);
    await setNoteVisibility(store, note.id, 'shared', 'private');
    expect(await store.db.searchIndex.get(`notes:${note.id}`)).toBeUndefined();
    const tombstone = await store.db.notes.get(note.id);
    expect(tombstone).toMatchObject({ deleted: true, body: '' });
    await deleteNote(store, note.id, 'private');
    expect(await store.privateDb.searchIndex.count()).toBe(0);
  });
});

describe('words', () => {
  test('lower-case, without accents, unique, split on anything that is not a letter or digit', () => {
    expect(wordsOf('Élan, naïve! Élan 2027 — co-op')).toEqual([
      'elan',
      'naive',
      '2027',
      'co',
      'op',
    ]);
    expect(wordsOf('   ')).toEqual([]);
    expect(wordsOf('<b>bold</b>')).toEqual(['b', 'bold']);
  });
});
