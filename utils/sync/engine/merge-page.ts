import { advanceClock } from '../../data/shared-clock';
import type { SyncSpace } from '../../schema/local';
import { sharedTables } from '../../schema/tables';
import { searchEntryFor } from '../../search/search-index';
import { mergeRecord, type SyncedRow } from '../merge';
import type { EngineContext } from './engine-context';
import type { ChainsSeen } from './integrity';
import type { Opened } from './record-envelope';

/**
 * Stores one pulled page: each version merged into the record here (utils/sync/merge.ts decides
 * how), its stamps, conflict copies made or settled, the search index, the clock, and the new
 * cursor with the writer chains — all in one Dexie transaction, so a crash leaves either all of
 * a page or none of it. Separate from pull.ts because this is the only place a pull writes.
 */
export async function storePage(
  context: EngineContext,
  pairId: string,
  space: SyncSpace,
  opened: Opened[],
  cursor: number,
  seen: ChainsSeen,
): Promise<{ merged: number; conflicts: number; rejected: number }> {
  const { db } = context.store;
  const counts = { merged: 0, conflicts: 0, rejected: 0 };
  const tables = Object.keys(sharedTables).map((name) => db.table(name));
  const createdAt = context.store.now();
  await db.transaction(
    'rw',
    [...tables, db.syncMeta, db.conflicts, db.syncSpaces, db.searchIndex, db.clock],
    async () => {
      const current = await db.syncSpaces.get(pairId);
      // Sharing stopped, or another page of this browser got here first.
      if (!current || current.spaceId !== space.spaceId) return;
      for (const version of opened) {
        if (version.seq <= current.cursor) continue;
        const { table, record } = version;
        const key = `${table}:${record.id}`;
        const rows = db.table<SyncedRow, string>(table);
        const local = await rows.get(record.id);
        if (local && (table === 'pairs' ? local.id : local.pairId) !== pairId) {
          counts.rejected += 1;
          continue;
        }
        const meta = local ? await db.syncMeta.get(key) : undefined;
        const result = mergeRecord(
          table,
          local && { record: local, fields: meta?.fields ?? {}, synced: meta?.synced ?? {} },
          { record, fields: version.fields, base: version.base },
        );
        if (result.changed) {
          const merged = sharedTables[table].schema.safeParse(result.record);
          if (!merged.success) {
            counts.rejected += 1;
            continue;
          }
          await rows.put(merged.data as SyncedRow);
          await db.syncMeta.put({
            ...meta,
            id: key,
            fields: result.fields,
            synced: result.synced,
          });
          const entry = searchEntryFor(table, merged.data as SyncedRow);
          if (entry) await db.searchIndex.put(entry);
          else await db.searchIndex.delete(key);
          counts.merged += 1;
        }
        for (const copy of result.conflicts) {
          if (await db.conflicts.get(copy.id)) continue;
          await db.conflicts.add({
            id: copy.id,
            pairId: copy.pairId,
            table: copy.table,
            recordId: copy.recordId,
            field: copy.field,
            text: copy.text,
            fromDeviceId: copy.fromDeviceId,
            createdAt,
            resolved: false,
          });
          counts.conflicts += 1;
        }
        for (const id of result.superseded) {
          const copy = await db.conflicts.get(id);
          if (copy && !copy.resolved) await db.conflicts.delete(id);
        }
        // Copies the other device settled: settled here too (only this record's own).
        for (const id of version.resolves) {
          const copy = await db.conflicts.get(id);
          if (copy && !copy.resolved && copy.recordId === record.id && copy.table === table) {
            await db.conflicts.update(id, { resolved: true });
          }
        }
      }
      // The HLC receive rule, kept where every page of this browser stamps from.
      let latest = '';
      for (const version of opened) {
        for (const stamp of [version.record.updatedAt, ...Object.values(version.fields)]) {
          if (stamp > latest) latest = stamp;
        }
      }
      if (latest) await advanceClock(db, latest);
      await db.syncSpaces.update(pairId, {
        // Forward only, except when the log went backwards: then to where it is now.
        cursor: seen.caught === 'backwards' ? cursor : Math.max(cursor, current.cursor),
        writers: seen.writers,
        writerSeqs: seen.writerSeqs,
        recordSeqs: seen.recordSeqs,
        ...(seen.caught && { integrity: { kind: seen.caught, at: context.store.now() } }),
      });
    },
  );
  // Later edits here must be stamped after everything just merged.
  for (const version of opened) {
    for (const stamp of Object.values(version.fields)) context.store.clock.receive(stamp);
  }
  return counts;
}
