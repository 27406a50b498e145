import type { SharedDb } from '../data/db';
import { agendaOrder } from '../mentoring/order';
import type { AgendaItem } from '../schema/agenda-item';
import { live } from './databases';

/** The session's agenda not deleted, in the order the pair put it, suggestions last. */
export async function agendaOf(db: SharedDb, sessionId: string): Promise<AgendaItem[]> {
  return live(await db.agendaItems.where('sessionId').equals(sessionId).toArray()).sort(
    agendaOrder,
  );
}

/** The pair's agenda items not deleted, from every session (how often an item was carried). */
export async function agendaItemsOf(db: SharedDb, pairId: string): Promise<AgendaItem[]> {
  return live(await db.agendaItems.where('pairId').equals(pairId).toArray());
}
