import type { SharedDb } from '../data/db';
import { byOrder } from '../mentoring/order';
import type { Goal } from '../schema/goal';
import { live } from './databases';

/** The pair's goals not deleted, in the order the pair put them. */
export async function goalsOf(db: SharedDb, pairId: string): Promise<Goal[]> {
  return live(await db.goals.where('pairId').equals(pairId).toArray()).sort(byOrder);
}
