/**
 * The databases' names and the native IndexedDB versions the code expects (Dexie's newest
 * version × 10, tests/unit/db-names.test.ts keeps them in step with utils/data/db.ts), in a module
 * without Dexie: the panel's first reads (utils/data/raw-reader.ts) need them before Dexie loads.
 */
export const SHARED_DB_NAME = 'tandem';
export const PRIVATE_DB_NAME = 'tandem-private';
export const SHARED_NATIVE_VERSION = 70;
export const PRIVATE_NATIVE_VERSION = 50;
