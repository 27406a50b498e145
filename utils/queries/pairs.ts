import type { SharedDb } from '../data/db';
import type { Pair } from '../schema/pair';

/**
 * Reads about pairs and their sync that more than one view needs, in one place: the views call
 * these through `useLive` and never know the tables.
 */

/** The pairs not deleted, by title, then by when they were made, then by id: one order. */
export async function activePairs(db: SharedDb): Promise<Pair[]> {
  return (await db.pairs.toArray())
    .filter((pair) => !pair.deleted)
    .sort(
      (a, b) =>
        a.title.localeCompare(b.title) || a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    );
}

/** Changes waiting to go out, per pair (pairs with none are absent). */
export async function pendingByPair(db: SharedDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.outbox.each((row) => {
    counts[row.pairId] = (counts[row.pairId] ?? 0) + 1;
  });
  return counts;
}

/** Changes of one pair waiting to go out. */
export function pendingOf(db: SharedDb, pairId: string): Promise<number> {
  return db.outbox.where('pairId').equals(pairId).count();
}

/** Whether the pair is shared through a sidecar from this browser. */
export async function isShared(db: SharedDb, pairId: string): Promise<boolean> {
  return (await db.syncSpaces.where('id').equals(pairId).count()) > 0;
}

/** A pair not deleted, or undefined. */
export async function pairById(db: SharedDb, id: string): Promise<Pair | undefined> {
  const pair = await db.pairs.get(id);
  return pair && !pair.deleted ? pair : undefined;
}
