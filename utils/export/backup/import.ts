import { isQuotaError } from '../../data/db-errors';
import type { Store } from '../../data/records/store';
import { putPrivate, putShared } from '../../data/records/write';
import { parseRecord } from '../../data/validate';
import { t } from '../../i18n';
import type { Learning } from '../../schema/arc';
import type { Note } from '../../schema/note';
import type { Reflection } from '../../schema/reflection';
import type { RoleNote } from '../../schema/role-note';
import {
  type RecordOf,
  type SharedTableName,
  sharedTables,
  type TableSpec,
} from '../../schema/tables';
import {
  type Backup,
  backupTableNames,
  type PrivateBackupTableName,
  privateBackupTableNames,
} from './format';
import { parseBackup } from './parse';
import { capped } from './problems';
import { databaseReferenceProblems, fileReferences } from './references';

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}
export interface ImportSummary {
  tables: Record<SharedTableName, ImportCounts>;
  private: Record<PrivateBackupTableName, ImportCounts>;
  total: ImportCounts;
}
export type ImportResult =
  | { ok: true; summary: ImportSummary }
  | {
      ok: false;
      errors: string[];
      /**
       * Set only when the shared records were merged and then the private database failed
       * (a full disk, another window upgrading it): importing the same file again completes it.
       */
      sharedSummary?: ImportSummary;
    };

/** A file that validated but does not fit this database; thrown to abort the transaction. */
class Rejected extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

type Outcome = keyof ImportCounts;

/** Hybrid logical clock stamps order as strings: the later copy wins, a tie changes nothing. */
function outcomeOf(incoming: { updatedAt: string }, current?: { updatedAt: string }): Outcome {
  if (!current) return 'added';
  return incoming.updatedAt > current.updatedAt ? 'updated' : 'unchanged';
}

const noCounts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });
const privateCounts = () =>
  Object.fromEntries(privateBackupTableNames.map((name) => [name, noCounts()])) as Record<
    PrivateBackupTableName,
    ImportCounts
  >;

type PrivateRecord = Note | Reflection | RoleNote | Learning;

/**
 * Merge a parsed backup (from parseBackup or exportBackup) into the databases, by record id:
 * a record not here is added, one here is replaced when the file's copy is newer (its
 * `updatedAt` stamp is later), else left as it is — so importing the same file twice adds
 * nothing the second time, and an older file never undoes newer edits. Imported shared records
 * get their outbox row, field stamps and search words as any write does, so sync sends them.
 *
 * One transaction per database: the shared one first (pairs and sessions must exist before
 * private notes point at them), then the private one. A reference to a pair or session that
 * neither the file nor the database holds rejects the whole file, changing nothing. If the
 * private transaction fails after the shared one committed (a full disk, say), the result is
 * `ok: false` with `sharedSummary`: the shared records are in, the private ones are not, and
 * importing the same file again adds what is missing without duplicating anything.
 *
 * Any other failure to write (a full disk, another window upgrading the database) also gives
 * `ok: false`, with the shared transaction rolled back: nothing changed.
 *
 * Private records merge against the private database. A private note that was made shared
 * after the backup (a live shared copy with a later stamp) is not brought back as private;
 * a private note deleted after the backup is (private deletes leave no tombstone to compare).
 */
export async function importBackup(store: Store, backup: Backup): Promise<ImportResult> {
  const { problems, missing } = fileReferences(backup);
  if (problems.length > 0) return { ok: false, errors: capped(problems) };
  const summary: ImportSummary = {
    tables: Object.fromEntries(backupTableNames.map((name) => [name, noCounts()])) as Record<
      SharedTableName,
      ImportCounts
    >,
    private: privateCounts(),
    total: noCounts(),
  };
  try {
    await store.db.transaction(
      'rw',
      [
        ...backupTableNames.map((name) => store.db.table(name)),
        store.db.outbox,
        store.db.syncMeta,
        store.db.searchIndex,
        store.db.clock,
      ],
      async () => {
        const errors = await databaseReferenceProblems(store, missing);
        if (errors.length > 0) throw new Rejected(errors);
        for (const name of backupTableNames) {
          const rows: ReadonlyArray<{ id: string; updatedAt: string }> = backup.tables[name];
          const current = await store.db.table(name).bulkGet(rows.map((row) => row.id));
          for (const [index, record] of rows.entries()) {
            const previous = current[index] as { updatedAt: string } | undefined;
            const outcome = outcomeOf(record, previous);
            summary.tables[name][outcome] += 1;
            if (outcome !== 'unchanged') {
              await putImportedRecord(store, 'shared', name, record as never, previous as never);
            }
          }
        }
      },
    );
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, errors: error.errors };
    return { ok: false, errors: [t('backup.nothingImported', storageProblem(error))] };
  }

  if (backup.private) {
    const rows = backup.private;
    const counts = privateCounts();
    try {
      const sharedCopies = {
        notes: await store.db.notes.bulkGet(rows.notes.map((r) => r.id)),
        reflections: await store.db.reflections.bulkGet(rows.reflections.map((r) => r.id)),
        roleNotes: await store.db.roleNotes.bulkGet((rows.roleNotes ?? []).map((r) => r.id)),
        learnings: await store.db.learnings.bulkGet((rows.learnings ?? []).map((r) => r.id)),
      };
      await store.privateDb.transaction(
        'rw',
        [
          store.privateDb.notes,
          store.privateDb.reflections,
          store.privateDb.roleNotes,
          store.privateDb.learnings,
          store.privateDb.searchIndex,
        ],
        async () => {
          for (const name of privateBackupTableNames) {
            const records: ReadonlyArray<PrivateRecord> = rows[name] ?? [];
            const current = await store.privateDb.table(name).bulkGet(records.map((r) => r.id));
            for (const [index, record] of records.entries()) {
              const shared = sharedCopies[name][index];
              const madeSharedSince =
                shared !== undefined && !shared.deleted && shared.updatedAt > record.updatedAt;
              const previous = current[index] as PrivateRecord | undefined;
              const outcome = madeSharedSince ? 'unchanged' : outcomeOf(record, previous);
              counts[name][outcome] += 1;
              if (outcome !== 'unchanged') {
                await putImportedRecord(store, 'private', name, record as never);
              }
            }
          }
        },
      );
      // This browser's own feedback keys and drafts: added where missing, never replacing one.
      const keys = rows.feedbackKeys ?? [];
      await store.db.transaction('rw', store.db.feedbackKeys, async () => {
        const current = await store.db.feedbackKeys.bulkGet(keys.map((k) => k.id));
        await store.db.feedbackKeys.bulkAdd(keys.filter((_, index) => !current[index]));
      });
    } catch (error) {
      return {
        ok: false,
        errors: [t('backup.privateNotImported', storageProblem(error))],
        sharedSummary: withTotal(summary),
      };
    }
    summary.private = counts;
  }

  // Later local edits must win over what was just imported, even from a clock that ran ahead.
  for (const name of backupTableNames) {
    for (const record of backup.tables[name]) store.clock.receive(record.updatedAt);
  }
  for (const record of [
    ...(backup.private?.notes ?? []),
    ...(backup.private?.reflections ?? []),
    ...(backup.private?.roleNotes ?? []),
    ...(backup.private?.learnings ?? []),
  ]) {
    store.clock.receive(record.updatedAt);
  }
  return { ok: true, summary: withTotal(summary) };
}

/** parseBackup, then importBackup: what the import button does with the file's text. */
export async function importBackupText(store: Store, text: string): Promise<ImportResult> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  return importBackup(store, parsed.backup);
}

/** Why a write failed, in words (a full disk is the likely one). */
function storageProblem(error: unknown): string {
  if (isQuotaError(error)) return t('backup.diskFull');
  const message = error instanceof Error && error.message ? error.message : String(error);
  return message.replace(/[.\s]+$/, '');
}

function withTotal(summary: ImportSummary): ImportSummary {
  const total = noCounts();
  for (const counts of [...Object.values(summary.tables), ...Object.values(summary.private)]) {
    total.added += counts.added;
    total.updated += counts.updated;
    total.unchanged += counts.unchanged;
  }
  return { ...summary, total };
}

/**
 * Store a record as a backup gives it: validated again, its own stamps kept,
 * with the bookkeeping any write leaves — for a shared record its outbox row, field stamps and
 * search words; for a private note or reflection its private search words. Call it inside a
 * transaction over the record's table and those bookkeeping tables, so that a failure rolls
 * back the record and its bookkeeping together.
 */
async function putImportedRecord<T extends SharedTableName>(
  store: Store,
  database: 'shared' | 'private',
  table: T,
  record: RecordOf<T>,
  previous?: RecordOf<T>,
): Promise<void> {
  const schema: TableSpec['schema'] = sharedTables[table].schema;
  const valid = parseRecord(schema, record) as RecordOf<T>;
  if (database === 'shared') {
    await putShared(store, table, valid, previous);
  } else if (
    table === 'notes' ||
    table === 'reflections' ||
    table === 'roleNotes' ||
    table === 'learnings'
  ) {
    await putPrivate(store, table, valid as PrivateRecord);
  } else {
    throw new Error(`The private database has no table ${table}.`);
  }
}
