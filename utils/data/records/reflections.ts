import { t } from '../../i18n';
import type { Visibility } from '../../schema/common';
import { type Reflection, reflection } from '../../schema/reflection';
import type { Session } from '../../schema/session';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, patchRecord, putPrivate, putShared, sharedTx } from './write';

/** A reflection on a session: the prompt answered, private (this browser) or shared. */
export async function addReflection(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  prompt: string,
  visibility: Visibility,
): Promise<Reflection> {
  const record = parseRecord(reflection, {
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    prompt,
    answer: '',
    visibility,
    createdAt: store.now(),
    ...stamp(store),
  });
  if (visibility === 'private') await putPrivate(store, 'reflections', record);
  else await sharedTx(store, ['reflections'], () => putShared(store, 'reflections', record));
  return record;
}

/** Save an answer; resolves once committed (the panel shows "Saved" only then). */
export async function saveReflectionAnswer(
  store: Store,
  id: string,
  visibility: Visibility,
  answer: string,
): Promise<Reflection> {
  if (visibility === 'shared') return patchRecord(store, 'reflections', id, { answer });
  return store.privateDb.transaction(
    'rw',
    [store.privateDb.reflections, store.privateDb.searchIndex],
    async () => {
      const current = await store.privateDb.reflections.get(id);
      if (!current || current.deleted) throw new Error(t('records.gone.reflections'));
      const record = parseRecord(reflection, { ...current, answer, ...stamp(store) });
      await putPrivate(store, 'reflections', record);
      return record;
    },
  );
}

/** Move a reflection between private and shared; the shared copy leaves a textless tombstone. */
export async function setReflectionVisibility(
  store: Store,
  id: string,
  from: Visibility,
  to: Visibility,
): Promise<Reflection> {
  const current =
    from === 'private'
      ? await store.privateDb.reflections.get(id)
      : await store.db.reflections.get(id);
  if (!current || current.deleted) throw new Error(t('records.gone.reflections'));
  if (from === to) return current;
  const moved = parseRecord(reflection, { ...current, visibility: to, ...stamp(store) });
  if (to === 'private') {
    await putPrivate(store, 'reflections', moved);
    await sharedTx(store, ['reflections'], () =>
      patchInTx(store, 'reflections', id, { answer: '', deleted: true }, { allowDeleted: true }),
    );
  } else {
    const shared = await sharedTx(store, ['reflections'], async () => {
      // Stamped in the transaction: a shared tombstone of this id may be newer (see putNote in notes.ts).
      const stamped = { ...moved, ...stamp(store) };
      await putShared(store, 'reflections', stamped);
      return stamped;
    });
    await store.privateDb.transaction(
      'rw',
      [store.privateDb.reflections, store.privateDb.searchIndex],
      async () => {
        await store.privateDb.reflections.delete(id);
        await store.privateDb.searchIndex.delete(`reflections:${id}`);
      },
    );
    return shared;
  }
  return moved;
}
