import type { Store } from '../../data/records/store';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  type BackupTables,
  backupTableNames,
} from './format';

/**
 * Everything needed to restore the pairs (all of them, or those in `pairIds`): every record of
 * the shared tables, tombstones included; the private records (notes, reflections, role notes,
 * learnings, and this browser's feedback keys and drafts) only when `includePrivate` is true. Each database is read in one transaction, so the copy is consistent.
 */
export async function exportBackup(
  store: Store,
  options: { includePrivate: boolean; pairIds?: readonly string[] },
): Promise<Backup> {
  const wanted = options.pairIds ? new Set(options.pairIds) : undefined;
  const inPairs = (table: string, record: { id: string; pairId?: string }) =>
    !wanted || wanted.has(table === 'pairs' ? record.id : (record.pairId ?? ''));
  const tables = await store.db.transaction(
    'r',
    backupTableNames.map((name) => store.db.table(name)),
    async () => {
      const rows: Record<string, unknown[]> = {};
      for (const name of backupTableNames) {
        const all = await store.db.table(name).toArray();
        rows[name] = all.filter((record) => inPairs(name, record));
      }
      return rows as BackupTables;
    },
  );
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(store.now()).toISOString(),
    app: 'Tandem',
    tables,
  };
  if (options.includePrivate) {
    backup.private = await store.privateDb.transaction(
      'r',
      [
        store.privateDb.notes,
        store.privateDb.reflections,
        store.privateDb.roleNotes,
        store.privateDb.learnings,
      ],
      async () => ({
        notes: (await store.privateDb.notes.toArray()).filter((r) => inPairs('notes', r)),
        reflections: (await store.privateDb.reflections.toArray()).filter((r) =>
          inPairs('reflections', r),
        ),
        roleNotes: (await store.privateDb.roleNotes.toArray()).filter((r) =>
          inPairs('roleNotes', r),
        ),
        learnings: (await store.privateDb.learnings.toArray()).filter((r) =>
          inPairs('learnings', r),
        ),
      }),
    );
    const keys = (await store.db.feedbackKeys.toArray()).filter((r) => inPairs('feedback', r));
    if (keys.length > 0) backup.private.feedbackKeys = keys;
  }
  return backup;
}
