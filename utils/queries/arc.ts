import type { Closing, Learning } from '../schema/arc';
import { closingId } from '../schema/arc';
import { byCreation, type Databases, live } from './databases';
import { goalsOf } from './goals';
import { pairById } from './pairs';

/** The pair's learnings, shared and this browser's private ones, not deleted, oldest first. */
export async function learningsOf(store: Databases, pairId: string): Promise<Learning[]> {
  const [shared, personal] = await Promise.all([
    store.db.learnings.where('pairId').equals(pairId).toArray(),
    store.privateDb.learnings.where('pairId').equals(pairId).toArray(),
  ]);
  return live([...shared, ...personal]).sort(byCreation);
}

export async function closingOf(store: Databases, pairId: string): Promise<Closing | null> {
  const record = await store.db.closings.get(closingId(pairId));
  return record && !record.deleted ? record : null;
}

/** What the progress record is made of (utils/export/progress-record.ts), or undefined. */
export async function progressRecordDataOf(store: Databases, pairId: string) {
  const pair = await pairById(store.db, pairId);
  if (!pair) return undefined;
  const [goals, learnings, closing] = await Promise.all([
    goalsOf(store.db, pairId),
    learningsOf(store, pairId),
    closingOf(store, pairId),
  ]);
  return { pair, goals, learnings, closing };
}
