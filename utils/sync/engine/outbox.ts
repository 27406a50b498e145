import { type SharedTableName, sharedTables } from '../../schema/tables';
import type { SyncedRow } from '../merge';
import type { EngineContext } from './engine-context';
import { PRIVATE_CAPABLE } from './record-envelope';

/**
 * Queues a whole pair to go up: when it is first shared, and when the sidecar's log went
 * backwards and lost what this browser had sent. Separate because sharing and pull both need it,
 * and neither owns the outbox (edits fill it, utils/data/records/write.ts; push empties it).
 */

/** Puts every live shared record of the pair in the outbox. Runs inside a transaction. */
export async function queuePair(context: EngineContext, pairId: string): Promise<void> {
  const { db } = context.store;
  const queuedAt = context.store.now();
  for (const table of Object.keys(sharedTables) as SharedTableName[]) {
    const rows = (
      table === 'pairs'
        ? [await db.pairs.get(pairId)]
        : await db.table(table).where('pairId').equals(pairId).toArray()
    ) as (SyncedRow | undefined)[];
    await db.outbox.bulkPut(
      rows
        // A fresh space needs no tombstones, and deleted text has no business leaving.
        .filter((row): row is SyncedRow => !!row && !row.deleted)
        .filter((row) => !PRIVATE_CAPABLE.has(table) || row.visibility === 'shared')
        .map((row) => ({
          id: `${table}:${row.id}`,
          table,
          recordId: row.id,
          pairId,
          queuedAt,
        })),
    );
  }
}
