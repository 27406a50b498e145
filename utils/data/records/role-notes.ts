import { t } from '../../i18n';
import type { Role, Visibility } from '../../schema/common';
import { sortedRoles } from '../../schema/mentor-role';
import { type RoleNote, roleNote } from '../../schema/role-note';
import type { Session } from '../../schema/session';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, patchRecord, putPrivate, putShared, sharedTx } from './write';

/** What a role note says; who wrote it, where it lives and when are set by the writes. */
export type RoleNoteInput = Pick<RoleNote, 'used' | 'needed' | 'note'>;

const clean = (input: Partial<RoleNoteInput>): Partial<RoleNoteInput> => ({
  ...input,
  ...(input.used && { used: sortedRoles(input.used) }),
  ...(input.needed && { needed: sortedRoles(input.needed) }),
});

/**
 * Save my role note on a session: the one given by id (where its visibility says), or a new
 * private one — role notes are private until their author shares them.
 */
export async function saveRoleNote(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  author: Role,
  existing: Pick<RoleNote, 'id' | 'visibility'> | undefined,
  changes: Partial<RoleNoteInput>,
): Promise<RoleNote> {
  if (!existing) {
    const record = parseRecord(roleNote, {
      used: [],
      needed: [],
      note: '',
      ...clean(changes),
      id: store.newId(),
      pairId: sessionRecord.pairId,
      sessionId: sessionRecord.id,
      author,
      visibility: 'private',
      createdAt: store.now(),
      ...stamp(store),
    });
    await putPrivate(store, 'roleNotes', record);
    return record;
  }
  if (existing.visibility === 'shared') {
    return patchRecord(store, 'roleNotes', existing.id, clean(changes));
  }
  return store.privateDb.transaction(
    'rw',
    [store.privateDb.roleNotes, store.privateDb.searchIndex],
    async () => {
      const current = await store.privateDb.roleNotes.get(existing.id);
      if (!current || current.deleted) throw new Error(t('records.gone.roleNotes'));
      const record = parseRecord(roleNote, { ...current, ...clean(changes), ...stamp(store) });
      await putPrivate(store, 'roleNotes', record);
      return record;
    },
  );
}

/**
 * Share a role note with the pair or take it back, as notes and reflections move
 * (records/notes.ts): the new copy is written before the old one goes, and a shared copy taken
 * back leaves a tombstone without its lists or words, so sync retracts it from the other side.
 */
export async function setRoleNoteVisibility(
  store: Store,
  id: string,
  from: Visibility,
  to: Visibility,
): Promise<RoleNote> {
  const current =
    from === 'private' ? await store.privateDb.roleNotes.get(id) : await store.db.roleNotes.get(id);
  if (!current || current.deleted) throw new Error(t('records.gone.roleNotes'));
  if (from === to) return current;
  const moved = parseRecord(roleNote, { ...current, visibility: to, ...stamp(store) });
  if (to === 'private') {
    await putPrivate(store, 'roleNotes', moved);
    await sharedTx(store, ['roleNotes'], () =>
      patchInTx(
        store,
        'roleNotes',
        id,
        { used: [], needed: [], note: '', deleted: true },
        { allowDeleted: true },
      ),
    );
    return moved;
  }
  const shared = await sharedTx(store, ['roleNotes'], async () => {
    // Stamped in the transaction: a shared tombstone of this id may be newer (see putNote in notes.ts).
    const stamped = { ...moved, ...stamp(store) };
    await putShared(store, 'roleNotes', stamped);
    return stamped;
  });
  await store.privateDb.transaction(
    'rw',
    [store.privateDb.roleNotes, store.privateDb.searchIndex],
    async () => {
      await store.privateDb.roleNotes.delete(id);
      await store.privateDb.searchIndex.delete(`roleNotes:${id}`);
    },
  );
  return shared;
}
