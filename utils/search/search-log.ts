import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/*
 * The search index's change log. Every write to a `searchIndex` table — by the panel, another
 * panel, the options page, the background's sync, a backup import, in this browser or in a
 * connection opened later — appends the keys it touched to `searchLog` in the same transaction,
 * under an auto-incremented seq: IndexedDB's key generator only ever counts up (a clear does not
 * reset it), so "every row changed after seq N" is one range read, and a saved snapshot of the
 * index (utils/search/search-engine.ts) is brought up to date without reading the whole index.
 * A Dexie middleware does it, so no writer can forget: utils/data/db.ts installs it on every
 * connection, and it widens each read-write transaction over `searchIndex` to take in the log.
 */

export const SEARCH_INDEX = 'searchIndex';
export const SEARCH_LOG = 'searchLog';
/** A log key for a write that touched a range of rows (a clear): read the whole index again. */
export const ALL_KEYS = '*';

/** The index keys a write touched, or [ALL_KEYS]. */
function keysOf(req: DBCoreMutateRequest): string[] {
  switch (req.type) {
    case 'add':
    case 'put':
      return (req.keys ?? req.values.map((value: { id?: unknown }) => value.id)).map(String);
    case 'delete':
      return req.keys.map(String);
    case 'deleteRange':
      return [ALL_KEYS];
  }
}

export const searchLogMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'tandem-search-log',
  create(down) {
    const tables = down.schema.tables.map((table) => table.name);
    if (!tables.includes(SEARCH_LOG) || !tables.includes(SEARCH_INDEX)) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope =
          mode === 'readwrite' && stores.includes(SEARCH_INDEX) && !stores.includes(SEARCH_LOG)
            ? [...stores, SEARCH_LOG]
            : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== SEARCH_INDEX) return table;
        const log = down.table(SEARCH_LOG);
        return {
          ...table,
          async mutate(req) {
            const result = await table.mutate(req);
            const keys = [...new Set(keysOf(req))];
            if (keys.length > 0) {
              await log.mutate({
                type: 'add',
                trans: req.trans,
                values: keys.map((key) => ({ key })),
              });
            }
            return result;
          },
        };
      },
    };
  },
};
