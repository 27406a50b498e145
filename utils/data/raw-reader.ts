/**
 * The panel's first reads, before Dexie has loaded: the few read operations the queries in
 * utils/queries/ use (`table.get`, `table.toArray`, `table.where(index).equals(key).toArray()`,
 * `.anyOf(keys)`, `.count()`, `table.filter(fn).toArray()`), straight over IndexedDB. The panel
 * paints its first view from these (components/use-live.ts) while the chunk with Dexie, the
 * record schemas and the writes loads (utils/panel/store.ts); then every query runs again under
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

/** Connections entrypoints/open-databases.ts began opening before the page's modules loaded. */
type EarlyOpenings = Record<string, Promise<IDBDatabase | null> | undefined>;
const EARLY = '__tandemOpenings';

/** Begins opening the databases at once (the page's first, classic script does this). */
export function openEarly(databases: Record<string, number>): void {
  const openings: EarlyOpenings = {};
  for (const [name, minVersion] of Object.entries(databases))
    openings[name] = openExisting(name, minVersion);
  (globalThis as unknown as Record<string, EarlyOpenings>)[EARLY] = openings;
}

/** The connection begun early for `name`, once (a second reader opens its own). */
function takeEarlyOpening(name: string): Promise<IDBDatabase | null> | undefined {
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

interface RawCollection {
  toArray(): Promise<unknown[]>;
  count(): Promise<number>;
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
  /** Closes the connection (Dexie takes over); reads after this throw NotRawReadable. */
  close(): void;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens `name` as it is, never creating or upgrading it; null when it cannot be read here. */
export function openExisting(name: string, minVersion: number): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(name);
    } catch {
      resolve(null);
      return;
    }
    // No such database: abort, so that nothing is created (Dexie creates it properly).
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      // Never stand in the way of an upgrade (Dexie's, or another page's).
      db.onversionchange = () => db.close();
      if (db.version < minVersion) {
        db.close();
        resolve(null);
      } else resolve(db);
    };
  });
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
  const opening = (takeEarlyOpening(name) ?? openExisting(name, minVersion)).then((opened) => {
    db = opened;
    return opened;
  });

  /**
   * Reads asked for in the same moment (one render's parts, each asking for its own rows) go
   * into one read-only transaction over all their tables: one round trip to the database
   * instead of one each.
   */
  interface Read {
    table: string;
    index: string | undefined;
    issue: (source: IDBObjectStore | IDBIndex) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let batch: Read[] = [];
  const flush = () => {
    const reads = batch;
    batch = [];
    if (!db || closed) {
      for (const r of reads) r.reject(new NotRawReadable(name));
      return;
    }
    const readable = reads.filter((r) => {
      const ok = (db as IDBDatabase).objectStoreNames.contains(r.table);
      if (!ok) r.reject(new NotRawReadable(`${name}.${r.table}`));
      return ok;
    });
    if (readable.length === 0) return;
    let tx: IDBTransaction;
    try {
      tx = db.transaction([...new Set(readable.map((r) => r.table))], 'readonly');
    } catch (error) {
      for (const r of readable) r.reject(error);
      return;
    }
    for (const r of readable) {
      const store = tx.objectStore(r.table);
      if (
        r.index !== undefined &&
        r.index !== store.keyPath &&
        !store.indexNames.contains(r.index)
      ) {
        r.reject(new NotRawReadable(`${name}.${r.table}.${r.index}`));
        continue;
      }
      const source =
        r.index === undefined || r.index === store.keyPath ? store : store.index(r.index);
      let answer: Promise<unknown>;
      try {
        answer = r.issue(source);
      } catch (error) {
        r.reject(error); // an invalid key, as Dexie would refuse it
        continue;
      }
      answer.then(r.resolve, r.reject);
    }
  };
  /** Reads `table` (by `index`, or its primary key), in the next batch. */
  const read = <T>(
    table: string,
    index: string | undefined,
    issue: (source: IDBObjectStore | IDBIndex) => Promise<T>,
  ): Promise<T> => {
    pending += 1;
    const answer = new Promise<unknown>((resolve, reject) => {
      batch.push({ table, index, issue, resolve, reject });
      if (batch.length === 1) {
        if (db === undefined) void opening.then(flush);
        else queueMicrotask(flush);
      }
    });
    return answer.then(
      (value) => {
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
      // Tables given to `transaction` are passed by name: Dexie takes names as well.
      return target[method]?.(...args.map((arg) => names.get(arg as object) ?? arg));
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
    get: (key) => read(tableName, undefined, (from) => request(from.get(key))),
    toArray: () => read(tableName, undefined, (from) => request(from.getAll())),
    count: () => read(tableName, undefined, (from) => request(from.count())),
    each: async (callback) => {
      for (const row of await read(tableName, undefined, (from) => request(from.getAll())))
        callback(row);
    },
    filter: (predicate) => ({
      toArray: async () =>
        (await read(tableName, undefined, (from) => request(from.getAll()))).filter((row) =>
          predicate(row),
        ),
    }),
    where: (index) => ({
      equals: (key) => ({
        toArray: () => read(tableName, index, (from) => request(from.getAll(key))),
        count: () => read(tableName, index, (from) => request(from.count(key))),
      }),
      anyOf: (keys) => {
        // As Dexie: in the order of the index, each key once.
        const unique = [...new Set(keys)].sort((a, b) => indexedDB.cmp(a, b));
        const rows = () =>
          read(tableName, index, async (from) =>
            (await Promise.all(unique.map((key) => request(from.getAll(key))))).flat(),
          );
        return {
          toArray: rows,
          count: async () => (await rows()).length,
        };
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
      closed = true;
      void opening.then((connection) => connection?.close());
    },
  };
}
