import type { SharedDb } from '../data/db';
import type { ActionItem } from '../schema/action-item';
import type { AgendaItem } from '../schema/agenda-item';
import type { Session } from '../schema/session';
import { agendaItemsOf } from './agenda-items';
import { byCreation, live } from './databases';

/** The pair's action items not deleted, from every session, oldest first. */
export async function actionItemsOf(db: SharedDb, pairId: string): Promise<ActionItem[]> {
  return live(await db.actionItems.where('pairId').equals(pairId).toArray()).sort(byCreation);
}

/** The pair's action items, the sessions they were agreed in, the agenda items they went to. */
export interface ActionHistory {
  /**
   * Deleted ones too: an agenda item carried over from an action item still says where it
   * came from after that item is deleted.
   */
  actions: ActionItem[];
  /** Deleted ones too, for the same reason. */
  sessions: Session[];
  /** Not deleted. */
  agenda: AgendaItem[];
}

export async function actionHistoryOf(db: SharedDb, pairId: string): Promise<ActionHistory> {
  const [actions, sessions, agenda] = await Promise.all([
    db.actionItems.where('pairId').equals(pairId).toArray(),
    db.sessions.where('pairId').equals(pairId).toArray(),
    agendaItemsOf(db, pairId),
  ]);
  return { actions, sessions, agenda };
}
