import { t } from '../../i18n';
import type { Visibility } from '../../schema/common';
import { type Note, note } from '../../schema/note';
import type { Session } from '../../schema/session';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, patchRecord, putPrivate, putShared, sharedTx } from './write';

/**
 * Write a note where its visibility says: private notes to the private database only. A shared
 * note is stamped again inside its transaction, after the clock took in the latest stamp: a
 * shared tombstone of the same id (a note made private, then shared again) may be newer than
 * the stamp it came with. Returns the note as stored.
 */
async function putNote(store: Store, record: Note, previous?: Note): Promise<Note> {
  if (record.visibility === 'private') {
    await putPrivate(store, 'notes', record);
    return record;
  }
  return sharedTx(store, ['notes'], async () => {
    const stamped = { ...record, ...stamp(store) };
    await putShared(store, 'notes', stamped, previous);
    return stamped;
  });
}

export async function addNote(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  visibility: Visibility,
  body = '',
): Promise<Note> {
  const record = parseRecord(note, {
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    body,
    visibility,
    createdAt: store.now(),
    ...stamp(store),
  });
  return putNote(store, record);
}

/** Save a note's text. Resolves once the transaction has committed, and only then. */
export async function saveNoteBody(
  store: Store,
  id: string,
  visibility: Visibility,
  body: string,
): Promise<Note> {
  if (visibility === 'private') {
    return store.privateDb.transaction(
      'rw',
      [store.privateDb.notes, store.privateDb.searchIndex],
      async () => {
        const current = await store.privateDb.notes.get(id);
        if (!current || current.deleted) throw new Error(t('records.gone.notes'));
        const record = parseRecord(note, { ...current, body, ...stamp(store) });
        await putPrivate(store, 'notes', record);
        return record;
      },
    );
  }
  return patchRecord(store, 'notes', id, { body });
}

/**
 * Move a note between private (this browser only) and shared. The new copy is written before
 * the old one goes, so a failure in between leaves the text in both places, never in neither.
 * A shared note made private leaves a tombstone without its text, so sync can retract it.
 */
export async function setNoteVisibility(
  store: Store,
  id: string,
  from: Visibility,
  to: Visibility,
): Promise<Note> {
  const current =
    from === 'private' ? await store.privateDb.notes.get(id) : await store.db.notes.get(id);
  if (!current || current.deleted) throw new Error(t('records.gone.notes'));
  if (from === to) return current;
  const moved = await putNote(
    store,
    parseRecord(note, { ...current, visibility: to, ...stamp(store) }),
  );
  await deleteNote(store, id, from);
  return moved;
}

export async function deleteNote(store: Store, id: string, visibility: Visibility): Promise<void> {
  if (visibility === 'private') {
    await store.privateDb.transaction(
      'rw',
      [store.privateDb.notes, store.privateDb.searchIndex],
      async () => {
        await store.privateDb.notes.delete(id);
        await store.privateDb.searchIndex.delete(`notes:${id}`);
      },
    );
    return;
  }
  await sharedTx(store, ['notes'], async () => {
    if (!(await store.db.notes.get(id))) return;
    // The tombstone keeps no text: a deleted note's words must not linger anywhere.
    await patchInTx(store, 'notes', id, { body: '', deleted: true }, { allowDeleted: true });
  });
}
