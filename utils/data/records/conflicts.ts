import { type RecordOf, type SharedTableName, sharedTables } from '../../schema/tables';
import { type ConflictChoice, changesFor, resolvedText, textAt } from '../conflicts';
import type { Store } from './store';
import { patchInTx, sharedTx } from './write';

/**
 * Settle a conflict copy (utils/sync/merge.ts rule 3) with the person's choice
 * (utils/data/conflicts.ts): written like any edit — validated, stamped, queued for sync — with the
 * copy's id noted in the record's syncMeta, so the next push tells the other devices to mark
 * their copy of it resolved too. The copy is kept, marked resolved: nothing is lost. A record
 * deleted since comes back with the chosen text unless the choice keeps it as it is. One
 * transaction; settling a copy settled already (here or by the other device) changes nothing.
 */
export async function resolveConflict(
  store: Store,
  conflictId: string,
  choice: ConflictChoice,
): Promise<void> {
  const found = await store.db.conflicts.get(conflictId);
  if (!found || found.resolved) return;
  const table = found.table as SharedTableName;
  if (!(table in sharedTables)) {
    await store.db.conflicts.update(conflictId, { resolved: true });
    return;
  }
  await sharedTx(
    store,
    [table],
    async () => {
      const copy = await store.db.conflicts.get(conflictId);
      if (!copy || copy.resolved) return;
      const current = (await store.db.table(table).get(copy.recordId)) as
        | (RecordOf<typeof table> & Record<string, unknown>)
        | undefined;
      if (current) {
        const now = current.deleted ? '' : textAt(current, copy.field);
        const text = resolvedText(table, copy.field, now, copy.text, choice);
        const changes =
          choice === 'keep'
            ? {}
            : {
                ...changesFor(current, copy.field, text),
                ...(current.deleted && { deleted: false }),
              };
        await patchInTx(store, table, copy.recordId, changes as never, { allowDeleted: true });
        const key = `${table}:${copy.recordId}`;
        const meta = await store.db.syncMeta.get(key);
        if (meta) {
          const resolves = [...new Set([...(meta.resolves ?? []), copy.id])].slice(-100);
          await store.db.syncMeta.put({ ...meta, resolves });
        }
      }
      await store.db.conflicts.update(copy.id, { resolved: true });
    },
    [store.db.conflicts],
  );
}
