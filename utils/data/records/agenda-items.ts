import { moveItem, orderAfterLast } from '../../mentoring/order';
import { type AgendaItem, agendaItem } from '../../schema/agenda-item';
import type { Role } from '../../schema/common';
import type { Session } from '../../schema/session';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, patchRecord, putShared, sharedTx, tombstone } from './write';

export async function addAgendaItem(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  text: string,
  addedBy: Role,
  /** A mentor's suggestion, and who wrote it (utils/mentoring/agenda-draft.ts). */
  draft: Pick<AgendaItem, 'suggestion' | 'authorId'> = {},
): Promise<AgendaItem> {
  return sharedTx(store, ['agendaItems'], async () => {
    const siblings = await liveAgenda(store, sessionRecord.id);
    const record = parseRecord(agendaItem, {
      id: store.newId(),
      pairId: sessionRecord.pairId,
      sessionId: sessionRecord.id,
      text: text.trim(),
      addedBy,
      order: orderAfterLast(siblings),
      done: false,
      carriedFrom: null,
      ...draft,
      ...stamp(store),
    });
    await putShared(store, 'agendaItems', record);
    return record;
  });
}

export function updateAgendaItem(
  store: Store,
  id: string,
  changes: Partial<Pick<AgendaItem, 'text' | 'done' | 'suggestion'>>,
): Promise<AgendaItem> {
  return patchRecord(store, 'agendaItems', id, changes);
}

/** The mentee takes a suggestion in: a normal item, after the mentee's own. */
export async function acceptSuggestion(store: Store, id: string): Promise<void> {
  await sharedTx(store, ['agendaItems'], async () => {
    const target = await store.db.agendaItems.get(id);
    if (target?.suggestion !== true) return;
    const drafted = (await liveAgenda(store, target.sessionId)).filter((i) => !i.suggestion);
    await patchInTx(store, 'agendaItems', id, {
      suggestion: false,
      order: orderAfterLast(drafted),
    });
  });
}

export async function moveAgendaItem(store: Store, id: string, delta: number): Promise<void> {
  await sharedTx(store, ['agendaItems'], async () => {
    const target = await store.db.agendaItems.get(id);
    if (!target) return;
    // Suggestions stay after the mentee's items (agendaOrder): an item moves within its part.
    const siblings = (await liveAgenda(store, target.sessionId)).filter(
      (item) => (item.suggestion === true) === (target.suggestion === true),
    );
    const changes = moveItem(siblings, id, delta);
    for (const { id: changedId, order } of changes) {
      await patchInTx(store, 'agendaItems', changedId, { order });
    }
  });
}

export async function removeAgendaItem(store: Store, id: string): Promise<void> {
  await tombstone(store, 'agendaItems', id);
}

async function liveAgenda(store: Store, sessionId: string): Promise<AgendaItem[]> {
  return store.db.agendaItems
    .where('sessionId')
    .equals(sessionId)
    .filter((item) => !item.deleted)
    .toArray();
}
