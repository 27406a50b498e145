import type { SharedDb } from './db';
import type { HlcClock } from './hlc';

/**
 * The HLC receive rule across the pages of one browser. The background merges the other
 * device's versions with a clock of its own, and each panel or options page starts its clock
 * afresh when it opens; their one meeting point is the shared database. Every merge moves the
 * high-water mark (the `clock` table's one row) past the stamps it took in, every shared write
 * moves it past its own stamp, and every shared write takes it in before stamping — so an edit
 * made here is always later than every version this browser holds, even when this device's wall
 * clock runs behind the other device's.
 */

const ROW = 'hlc';

/** Take in the latest stamp this browser holds. Inside a transaction over `clock`. */
export async function followClock(db: SharedDb, clock: HlcClock): Promise<void> {
  const row = await db.clock.get(ROW);
  if (row) clock.receive(row.stamp);
}

/** Move the high-water mark on to `stamp` when it is later. Inside a transaction over `clock`. */
export async function advanceClock(db: SharedDb, stamp: string): Promise<void> {
  const row = await db.clock.get(ROW);
  if (!row || stamp > row.stamp) await db.clock.put({ id: ROW, stamp });
}
