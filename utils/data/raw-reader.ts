/**
 * The panel's first reads, before Dexie has loaded: the few read operations the queries in
 * utils/queries/ use (`table.get`, `table.toArray`, `table.where(index).equals(key).toArray()`,
 * `.anyOf(keys)`, `.count()`, `table.filter(fn).toArray()`, a `where` collection's
 * `.filter(fn)`), straight over IndexedDB. The panel paints its first view from these
 * (components/use-live.ts) while the chunk with Dexie, the record schemas and the writes loads
 * (utils/panel/store.ts); then every query runs again under
 * Dexie's liveQuery, which gives the same rows in the same order, and from then on Dexie alone
 * reads and writes.
 *
 * Never creates or upgrades a database: a database that does not exist yet, or whose version is
 * older than `minVersion` (an upgrade is pending), is not read here — the queries then wait for
 * Dexie. An operation not listed above throws `NotRawReadable`, so that a query asking for more
 * than this offers waits for Dexie too instead of guessing. Writes are never made here: a write
 * begun in these first moments (`db.transaction(…)`, `table.put(…)` and the like) waits for
 * Dexie (`live`) and is made there, so nothing typed or clicked is lost.
 */

import {
  EARLY,
  type EarlyOpenings,
  issue,
  type Opening,
  type ReadSpec,
  savePlan,
  sourceOf,
  specKey,
} from './raw-ops';

/** The opening begun early for `name`, once (a second reader opens its own). */
function takeEarlyOpening(name: string): Opening | undefined {
  const openings = (globalThis as unknown as Record<string, EarlyOpenings | undefined>)[EARLY];
  const opening = openings?.[name];
  if (openings) delete openings[name];
  return opening;
}

export class NotRawReadable extends Error {
  constructor(what: string) {
    super(`${what} is read once the database layer has loaded`);
    this.name = 'NotRawReadable';
  }
}

type Key = IDBValidKey;

/** As much of a Dexie table as the reads made there once Dexie took over need. */
interface DexieLike {
  get(key: Key): Promise<unknown>;
  toArray(): Promise<unknown[]>;
  count(): Promise<number>;
  where(index: string): {
    equals(key: Key): { toArray(): Promise<unknown[]>; count(): Promise<number> };
    anyOf(keys: readonly Key[]): { toArray(): Promise<unknown[]> };
  };
}

interface Rows {
  toArray(): Promise<unknown[]>;
  count(): Promise<number>;
}

interface RawCollection extends Rows {
  filter(predicate: (row: unknown) => boolean): Rows;
}

/** The rows `all` gives, as a collection: counted, and filtered in memory as Dexie does. */
function collection(all: () => Promise<unknown[]>, count: () => Promise<number>): RawCollection {
  return {
    toArray: all,
    count,
    filter: (predicate) => {
      const kept = async () => (await all()).filter((row) => predicate(row));
      return { toArray: kept, count: async () => (await kept()).length };
    },
  };
}

interface RawTable {
  get(key: Key): Promise<unknown>;
  toArray(): Promise<unknown[]>;
  count(): Promise<number>;
  each(callback: (row: unknown) => void): Promise<void>;
  filter(predicate: (row: unknown) => boolean): { toArray(): Promise<unknown[]> };
  where(index: string): {
    equals(key: Key): RawCollection;
    anyOf(keys: readonly Key[]): RawCollection;
  };
}

export interface RawReader {
  /** The database's tables by name, read-only; typed by the caller as the Dexie database. */
  readonly db: unknown;
  /** Reads in flight. */
  pending(): number;
  /** Closes the connection: Dexie has taken over, and reads from now on are made there. */
  close(): void;
}

/**
 * A read-only view of the database `name` for the first paint. `minVersion` is the native
 * IndexedDB version the code expects (Dexie's version × 10).
 */
export function openRawReader(
  name: string,
  minVersion: number,
  {
    live,
    onSettled,
    onUnreadable,
  }: {
    /** The Dexie database, once loaded (writes are made there). */
    live: () => Promise<unknown>;
    /** Every read begun has been answered. */
    onSettled: () => void;
    /** A read could not be answered here (or failed): only Dexie can. */
    onUnreadable: () => void;
  },
): RawReader {
  let closed = false;
  let pending = 0;
  let db: IDBDatabase | null | undefined; // undefined: still opening
  // Begun by the panel's first script, or here (other pages, tests: a chunk of its own).
  const early = takeEarlyOpening(name);
  const begun: Promise<Opening> = early
    ? Promise.resolve(early)
    : import('./raw-opening').then((m) => m.beginOpening(name, minVersion));
  let planned = new Map<string, Promise<unknown>>();
  const opening = begun
    .then((b) => Promise.all([b.connection, b.planned]))
    .then(
      ([opened, answers]) => {
        db = opened;
        planned = answers;
        return opened;
      },
      () => {
        db = null; // the chunk could not load: Dexie answers
        return null;
      },
    );
  /** The reads this first view made: the next one's plan. */
  const made = new Map<string, ReadSpec>();

  /**
   * Reads asked for in the same moment (one render's parts, each asking for its own rows) go
   * into one read-only transaction over all their tables: one round trip to the database
   * instead of one each.
   */
  interface Read {
    spec: ReadSpec;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let batch: Read[] = [];
  const flush = () => {
    const reads = batch;
    batch = [];
    if (closed) {
      for (const r of reads) viaDexie(r.spec).then(r.resolve, r.reject);
      return;
    }
    if (!db) {
      for (const r of reads) r.reject(new NotRawReadable(name));
      return;
    }
    const unplanned = reads.filter((r) => {
      const answer = planned.get(specKey(r.spec));
      if (answer) answer.then(r.resolve, r.reject);
      return !answer;
    });
    const readable = unplanned.filter((r) => {
      const ok = (db as IDBDatabase).objectStoreNames.contains(r.spec.t);
      if (!ok) r.reject(new NotRawReadable(`${name}.${r.spec.t}`));
      return ok;
    });
    if (readable.length === 0) return;
    let tx: IDBTransaction;
    try {
      tx = db.transaction([...new Set(readable.map((r) => r.spec.t))], 'readonly');
    } catch (error) {
      for (const r of readable) r.reject(error);
      return;
    }
    for (const r of readable) {
      const source = sourceOf(tx.objectStore(r.spec.t), r.spec.i);
      if (!source) {
        r.reject(new NotRawReadable(`${name}.${r.spec.t}.${r.spec.i}`));
        continue;
      }
      let answer: Promise<unknown>;
      try {
        answer = issue(source, r.spec);
      } catch (error) {
        r.reject(error); // an invalid key, as Dexie would refuse it
        continue;
      }
      answer.then(r.resolve, r.reject);
    }
  };
  /**
   * A read begun as Dexie took over (a query part-way through when the database layer arrived):
   * made there, so the query finishes instead of starting again under Dexie.
   */
  const viaDexie = async (spec: ReadSpec): Promise<unknown> => {
    const liveDb = (await live()) as { table(name: string): DexieLike };
    const table = liveDb.table(spec.t);
    const keyed = spec.k as IDBValidKey;
    if (spec.o === 'get') return table.get(keyed);
    if (spec.o === 'any')
      return table
        .where(spec.i)
        .anyOf(spec.k as IDBValidKey[])
        .toArray();
    const rows = spec.i === '' ? table : table.where(spec.i).equals(keyed);
    return spec.o === 'count' ? rows.count() : rows.toArray();
  };
  /** Reads `table` (by `index`, or its primary key), in the next batch. */
  const read = <T>(
    table: string,
    index: string | undefined,
    o: ReadSpec['o'],
    k?: IDBValidKey | IDBValidKey[],
  ): Promise<T> => {
    pending += 1;
    const spec: ReadSpec = { t: table, i: index ?? '', o, ...(k === undefined ? {} : { k }) };
    const answer = new Promise<unknown>((resolve, reject) => {
      batch.push({ spec, resolve, reject });
      if (batch.length === 1) {
        if (db === undefined) void opening.then(flush);
        else queueMicrotask(flush);
      }
    });
    return answer.then(
      (value) => {
        made.set(specKey(spec), spec);
        done();
        return value as T;
      },
      (error: unknown) => {
        // Whatever went wrong here, Dexie answers it (and says so in words if it fails too).
        onUnreadable();
        done();
        throw error;
      },
    );
  };
  const done = () => {
    pending -= 1;
    if (pending === 0) onSettled();
  };
  /** A write, or any other Dexie method: made on the Dexie database once it is there. */
  const later =
    (path: (liveDb: Record<string, unknown>) => unknown, method: string) =>
    async (...args: unknown[]) => {
      const liveDb = (await live()) as Record<string, unknown>;
      const target = path(liveDb) as Record<string, (...a: unknown[]) => unknown>;
      // Tables given to `transaction` (one by one, or in an array) are passed by name: Dexie
      // takes names as well.
      const byName = (arg: unknown) => names.get(arg as object) ?? arg;
      return target[method]?.(
        ...args.map((arg) => (Array.isArray(arg) ? arg.map(byName) : byName(arg))),
      );
    };
  const names = new WeakMap<object, string>();
  const WRITES = ['add', 'put', 'update', 'delete', 'bulkAdd', 'bulkPut', 'bulkDelete', 'clear'];
  const table = (tableName: string): RawTable => ({
    ...Object.fromEntries(
      WRITES.map((method) => [
        method,
        later((liveDb) => (liveDb.table as (n: string) => unknown)(tableName), method),
      ]),
    ),
    get: (key) => read(tableName, undefined, 'get', key),
    toArray: () => read(tableName, undefined, 'all'),
    count: () => read(tableName, undefined, 'count'),
    each: async (callback) => {
      for (const row of await read<unknown[]>(tableName, undefined, 'all')) callback(row);
    },
    filter: (predicate) => ({
      toArray: async () =>
        (await read<unknown[]>(tableName, undefined, 'all')).filter((row) => predicate(row)),
    }),
    where: (index) => ({
      equals: (key) =>
        collection(
          () => read(tableName, index, 'all', key),
          () => read(tableName, index, 'count', key),
        ),
      anyOf: (keys) => {
        const all = () => read<unknown[]>(tableName, index, 'any', [...keys]);
        return collection(all, async () => (await all()).length);
      },
    }),
  });
  const tables = new Map<string, RawTable>();
  const tablesByName = new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === 'table') return (tableName: string) => tablesByName[tableName as never];
        if (prop === 'transaction') return later((liveDb) => liveDb, 'transaction');
        if (prop === 'name') return name; // as Dexie's: the search worker opens it by name
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        let found = tables.get(prop);
        if (!found) {
          found = table(prop);
          tables.set(prop, found);
          names.set(found, prop);
        }
        return found;
      },
    },
  );
  return {
    db: tablesByName,
    pending: () => pending,
    close() {
      if (!closed && made.size > 0) savePlan(name, [...made.values()]);
      closed = true;
      void opening.then((connection) => connection?.close());
    },
  };
}
