import { t } from '../../i18n';
import {
  type ArcPhase,
  type Closing,
  closing,
  closingId,
  type Learning,
  learning,
} from '../../schema/arc';
import type { Role, Visibility } from '../../schema/common';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, putPrivate, putShared, sharedTx } from './write';

/*
 * The relationship's arc: a pair's phase, its learnings (private by default, in the private
 * database like a note, shared by choice) and its closing record (one per pair).
 */

export function setPairPhase(store: Store, pairId: string, phase: ArcPhase): Promise<unknown> {
  return sharedTx(store, ['pairs'], () => patchInTx(store, 'pairs', pairId, { phase }));
}

/** Write a learning where its visibility says (see putNote in notes.ts for the stamping). */
async function putLearning(store: Store, record: Learning): Promise<Learning> {
  if (record.visibility === 'private') {
    await putPrivate(store, 'learnings', record);
    return record;
  }
  return sharedTx(store, ['learnings'], async () => {
    const previous = await store.db.learnings.get(record.id);
    const stamped = { ...record, ...stamp(store) };
    await putShared(store, 'learnings', stamped, previous);
    return stamped;
  });
}

export function addLearning(
  store: Store,
  input: { pairId: string; sessionId: string; authorRole: Role; text: string },
  visibility: Visibility = 'private',
): Promise<Learning> {
  const record = parseRecord(learning, {
    ...input,
    id: store.newId(),
    visibility,
    inRecord: false,
    createdAt: store.now(),
    ...stamp(store),
  });
  return putLearning(store, record);
}

async function currentLearning(store: Store, id: string, visibility: Visibility) {
  const current =
    visibility === 'private'
      ? await store.privateDb.learnings.get(id)
      : await store.db.learnings.get(id);
  if (!current || current.deleted) throw new Error(t('records.gone.learnings'));
  return current;
}

/** Change a learning's text or its "include in the progress record" tick. */
export async function updateLearning(
  store: Store,
  id: string,
  visibility: Visibility,
  changes: Partial<Pick<Learning, 'text' | 'inRecord'>>,
): Promise<Learning> {
  const current = await currentLearning(store, id, visibility);
  return putLearning(store, parseRecord(learning, { ...current, ...changes, ...stamp(store) }));
}

/**
 * Move a learning between private and shared: the new copy first, then the old one goes (a
 * shared one leaves a tombstone without its text, so sync retracts it).
 */
export async function setLearningVisibility(
  store: Store,
  id: string,
  from: Visibility,
  to: Visibility,
): Promise<Learning> {
  const current = await currentLearning(store, id, from);
  if (from === to) return current;
  const moved = await putLearning(
    store,
    parseRecord(learning, { ...current, visibility: to, ...stamp(store) }),
  );
  await deleteLearning(store, id, from);
  return moved;
}

export async function deleteLearning(
  store: Store,
  id: string,
  visibility: Visibility,
): Promise<void> {
  if (visibility === 'private') {
    await store.privateDb.transaction(
      'rw',
      [store.privateDb.learnings, store.privateDb.searchIndex],
      async () => {
        await store.privateDb.learnings.delete(id);
        await store.privateDb.searchIndex.delete(`learnings:${id}`);
      },
    );
    return;
  }
  await sharedTx(store, ['learnings'], async () => {
    if (!(await store.db.learnings.get(id))) return;
    await patchInTx(store, 'learnings', id, { text: '', deleted: true }, { allowDeleted: true });
  });
}

/** Change fields of the pair's closing record, creating it on the first write. */
export function saveClosing(
  store: Store,
  pairId: string,
  changes: Partial<Pick<Closing, 'whatNext' | 'learnFrom' | 'endorsement' | 'closedAt'>>,
): Promise<Closing> {
  return sharedTx(store, ['closings'], async () => {
    const id = closingId(pairId);
    const current = await store.db.closings.get(id);
    if (current && !current.deleted) return patchInTx(store, 'closings', id, changes);
    const record = parseRecord(closing, {
      whatNext: '',
      learnFrom: '',
      endorsement: '',
      ...changes,
      id,
      pairId,
      ...stamp(store),
    });
    await putShared(store, 'closings', record, current);
    return record;
  });
}
