import type { Table } from 'dexie';
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
import { searchEntryFor } from '../../search/search-index';
import { advanceClock, followClock } from '../shared-clock';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';

/*
 * How every write is stored: a shared record together with its bookkeeping (outbox row, field
 * stamps, search words, clock) in one transaction; a private one with its private search words.
 */

/** Deletes are tombstones, so that sync can carry them to the other member of the pair. */
export async function tombstone(store: Store, table: SharedTableName, id: string): Promise<void> {
  await sharedTx(store, [table], async () => {
    if (await store.db.table(table).get(id)) {
      await patchInTx(store, table, id, { deleted: true } as never, { allowDeleted: true });
    }
  });
}

/**
 * Every table a shared write touches besides its own, in the same transaction: the outbox row
 * that sync will push, the field stamps that merge uses, the search index, and the clock's
 * high-water mark.
 */
export function sharedTx<T>(
  store: Store,
  tables: SharedTableName[],
  work: () => Promise<T>,
  extra: Table[] = [],
): Promise<T> {
  return store.db.transaction(
    'rw',
    [
      ...tables.map((t) => store.db.table(t)),
      store.db.outbox,
      store.db.syncMeta,
      store.db.searchIndex,
      store.db.clock,
      ...extra,
    ],
    async () => {
      await followClock(store.db, store.clock);
      return work();
    },
  );
}

/** The fields sync stamps per change (the record's own sync fields are not data). */
const NOT_DATA = new Set(['id', 'updatedAt', 'deleted', 'deviceId']);

/** Write one shared record and its bookkeeping. Runs inside sharedTx. */
export async function putShared<T extends SharedTableName>(
  store: Store,
  table: T,
  record: RecordOf<T>,
  previous?: RecordOf<T>,
): Promise<void> {
  await store.db.table(table).put(record);
  const key = `${table}:${record.id}`;
  const meta = await store.db.syncMeta.get(key);
  const fields = { ...(meta?.fields ?? {}) };
  const before = previous as Record<string, unknown> | undefined;
  for (const [field, value] of Object.entries(record)) {
    if (NOT_DATA.has(field) && field !== 'deleted') continue;
    if (!before || JSON.stringify(before[field]) !== JSON.stringify(value)) {
      fields[field] = record.updatedAt;
    }
  }
  await store.db.syncMeta.put({ ...meta, id: key, fields, synced: meta?.synced ?? {} });
  await advanceClock(store.db, record.updatedAt);
  const pairId = table === 'pairs' ? record.id : (record as { pairId: string }).pairId;
  await store.db.outbox.put({ id: key, table, recordId: record.id, pairId, queuedAt: store.now() });
  const entry = searchEntryFor(table, record as { id: string } & Record<string, unknown>);
  if (entry) await store.db.searchIndex.put(entry);
  else await store.db.searchIndex.delete(key);
}

/** Write a private record (a private note or reflection) and its search words, privately. */
export async function putPrivate(
  store: Store,
  table: 'notes' | 'reflections' | 'roleNotes' | 'learnings',
  record: Note | Reflection | RoleNote | Learning,
): Promise<void> {
  await store.privateDb.transaction(
    'rw',
    [store.privateDb.table(table), store.privateDb.searchIndex],
    async () => {
      await store.privateDb.table(table).put(record);
      const entry = searchEntryFor(table, record);
      if (entry) await store.privateDb.searchIndex.put(entry);
      else await store.privateDb.searchIndex.delete(`${table}:${record.id}`);
    },
  );
}

type Changes<T extends SharedTableName> =
  | Partial<RecordOf<T>>
  | ((current: RecordOf<T>) => Partial<RecordOf<T>>);

/**
 * Change fields of one record: read it, merge the changes (or what a function computes from
 * the current record), validate with the table's schema, stamp, write. Runs inside sharedTx.
 */
export async function patchInTx<T extends SharedTableName>(
  store: Store,
  table: T,
  id: string,
  changes: Changes<T>,
  options: { allowDeleted?: boolean } = {},
): Promise<RecordOf<T>> {
  const rows = store.db.table<RecordOf<T>, string>(table);
  const current = await rows.get(id);
  if (!current || (current.deleted && !options.allowDeleted)) {
    throw new Error(t(`records.gone.${table as SharedTableName}`));
  }
  const patch = typeof changes === 'function' ? changes(current) : changes;
  const schema: TableSpec['schema'] = sharedTables[table].schema;
  const record = parseRecord(schema, { ...current, ...stamp(store), ...patch, id }) as RecordOf<T>;
  await putShared(store, table, record, current);
  return record;
}

/** patchInTx in a transaction of its own. */
export function patchRecord<T extends SharedTableName>(
  store: Store,
  table: T,
  id: string,
  changes: Changes<T>,
): Promise<RecordOf<T>> {
  return sharedTx(store, [table], () => patchInTx(store, table, id, changes));
}
