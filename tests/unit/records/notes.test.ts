import { afterEach, describe, expect, test } from 'vitest';
import {
  addNote,
  deleteNote,
  saveNoteBody,
  setNoteVisibility,
} from '../../../utils/data/records/notes';
import { closeStores } from '../helpers';
import { storeWithSession } from './setup';

afterEach(closeStores);

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
