/*
 * What the panel's first reads (utils/data/raw-reader.ts) and its first script's openings
 * (utils/data/raw-opening.ts) share: a read as the read plan keeps it, and issuing it over
 * IndexedDB.
 */

/**
 * One read as the read plan keeps it: table, index ('' for the primary key), operation and
 * key(s). Ids only, never a record's text.
 */
export interface ReadSpec {
  t: string;
  i: string;
  o: 'get' | 'all' | 'count' | 'any';
  k?: IDBValidKey | IDBValidKey[];
}
export const specKey = (spec: ReadSpec) => JSON.stringify([spec.t, spec.i, spec.o, spec.k ?? null]);

/** The store itself (no index, or its primary key named), one of its indexes, or undefined. */
export function sourceOf(
  store: IDBObjectStore,
  index: string,
): IDBObjectStore | IDBIndex | undefined {
  if (index === '' || index === store.keyPath) return store;
  return store.indexNames.contains(index) ? store.index(index) : undefined;
}

/** Issues one read on `source` (a store or one of its indexes). */
export function issue(source: IDBObjectStore | IDBIndex, spec: ReadSpec): Promise<unknown> {
  switch (spec.o) {
    case 'get':
      return request(source.get(spec.k as IDBValidKey));
    case 'count':
      return request(spec.k === undefined ? source.count() : source.count(spec.k as IDBValidKey));
    case 'all':
      return request(spec.k === undefined ? source.getAll() : source.getAll(spec.k as IDBValidKey));
    case 'any': {
      // As Dexie: in the order of the index, each key once.
      const keys = [...new Set(spec.k as IDBValidKey[])].sort((a, b) => indexedDB.cmp(a, b));
      return Promise.all(keys.map((key) => request(source.getAll(key)))).then((parts) =>
        parts.flat(),
      );
    }
  }
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * The read plan: the reads the last first view made (localStorage, per database; ids only).
 * Asked for all at once as the database opens, in one transaction, the first view then finds
 * its rows there instead of reading in waves as each part renders.
 */
export const PLAN_PREFIX = 'tandem:first-reads:';
export const PLAN_MAX = 64;

export function savePlan(name: string, reads: readonly ReadSpec[]): void {
  try {
    localStorage.setItem(PLAN_PREFIX + name, JSON.stringify(reads.slice(0, PLAN_MAX)));
  } catch {
    // No room, or no localStorage: the next first view reads in waves.
  }
}

/** A database being opened, and the answers to its read plan. */
export interface Opening {
  connection: Promise<IDBDatabase | null>;
  planned: Promise<Map<string, Promise<unknown>>>;
}

/** Openings entrypoints/first-reads.ts began before the page's modules loaded. */
export type EarlyOpenings = Record<string, Opening | undefined>;
export const EARLY = '__tandemOpenings';
