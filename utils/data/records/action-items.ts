import { t } from '../../i18n';
import { orderAfterLast } from '../../mentoring/order';
import { type ReviewChoice, reviewEffect, reviewState } from '../../mentoring/review';
import { type ActionItem, actionItem } from '../../schema/action-item';
import { agendaItem } from '../../schema/agenda-item';
import type { Role } from '../../schema/common';
import type { Session } from '../../schema/session';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, patchRecord, putShared, sharedTx, tombstone } from './write';

export type ActionItemInput = Pick<ActionItem, 'text' | 'owner' | 'due'> &
  Partial<Pick<ActionItem, 'ownerIds'>>;

export async function addActionItem(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  input: ActionItemInput,
): Promise<ActionItem> {
  const record = parseRecord(actionItem, {
    ...input,
    text: input.text.trim(),
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    status: 'open',
    closedInSessionId: null,
    createdAt: store.now(),
    ...stamp(store),
  });
  await sharedTx(store, ['actionItems'], () => putShared(store, 'actionItems', record));
  return record;
}

export function updateActionItem(
  store: Store,
  id: string,
  changes: Partial<Pick<ActionItem, 'text' | 'owner' | 'ownerIds' | 'due' | 'status'>>,
  inSessionId: string | null = null,
): Promise<ActionItem> {
  return patchRecord(store, 'actionItems', id, (current) => {
    const status = changes.status ?? current.status;
    // Closed in the session where its status changed; reopening clears it.
    const closedInSessionId =
      status === 'open'
        ? null
        : status !== current.status
          ? inSessionId
          : current.closedInSessionId;
    return { ...changes, closedInSessionId };
  });
}

export async function removeActionItem(store: Store, id: string): Promise<void> {
  await tombstone(store, 'actionItems', id);
}

/**
 * Review one action item: done, carried over to the next session's agenda (with the chain kept
 * through `carriedFrom`), dropped, or reopened. One transaction.
 */
export async function reviewActionItem(
  store: Store,
  itemId: string,
  choice: ReviewChoice,
  nextSession: Pick<Session, 'id' | 'pairId'>,
  addedBy: Role,
): Promise<void> {
  await sharedTx(store, ['actionItems', 'agendaItems'], async () => {
    const item = await store.db.actionItems.get(itemId);
    if (!item || item.deleted) throw new Error(t('records.gone.actionItems'));
    const agenda = (
      await store.db.agendaItems.where('pairId').equals(item.pairId).toArray()
    ).filter((a) => !a.deleted);
    const state = reviewState(item, agenda, nextSession.id);
    const effect = reviewEffect(state, choice);
    if (effect.status !== item.status) {
      await patchInTx(store, 'actionItems', itemId, {
        status: effect.status,
        closedInSessionId: effect.status === 'open' ? null : nextSession.id,
      });
    }
    const onNext = agenda.filter((a) => a.carriedFrom === itemId && a.sessionId === nextSession.id);
    if (effect.carried === true && onNext.length === 0) {
      const siblings = agenda.filter((a) => a.sessionId === nextSession.id);
      const record = parseRecord(agendaItem, {
        id: store.newId(),
        pairId: nextSession.pairId,
        sessionId: nextSession.id,
        text: item.text,
        addedBy,
        order: orderAfterLast(siblings),
        done: false,
        carriedFrom: itemId,
        ...stamp(store),
      });
      await putShared(store, 'agendaItems', record);
    }
    if (effect.carried === false) {
      for (const row of onNext) {
        await patchInTx(store, 'agendaItems', row.id, { deleted: true }, { allowDeleted: true });
      }
    }
  });
}
