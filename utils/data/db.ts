import Dexie, { type EntityTable } from 'dexie';
import type { Learning } from '../schema/arc';
import type { FeedbackKey } from '../schema/feedback';
import type {
  ClockEntry,
  ConflictEntry,
  OutboxEntry,
  SearchEntry,
  SearchLogEntry,
  SearchSnapshot,
  SyncMetaEntry,
  SyncSpace,
} from '../schema/local';
import type { Note } from '../schema/note';
import type { Reflection } from '../schema/reflection';
import type { RoleNote } from '../schema/role-note';
import {
  dexieStores,
  localTables,
  privateTables,
  type RecordOf,
  type SharedTableName,
  sharedTables,
} from '../schema/tables';
import { searchLogMiddleware } from '../search/search-log';
import { PRIVATE_DB_NAME, SHARED_DB_NAME } from './db-names';

export { PRIVATE_DB_NAME, SHARED_DB_NAME } from './db-names';

/**
 * Every version of each database, oldest first. Versions are only ever appended, each with its
 * upgrade function and a test that opens a database written by the version before
 * (tests/unit/db-migrations.test.ts). The newest version must declare exactly the stores that
 * utils/schema/tables.ts derives from the record schemas (a unit test checks it).
 */
export interface DbVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: import('dexie').Transaction) => Promise<void> | void;
}

export const sharedVersions: readonly DbVersion[] = [
  {
    version: 1,
    stores: {
      pairs: 'id',
      goals: 'id, pairId',
      sessions: 'id, pairId',
      agendaItems: 'id, sessionId, pairId',
      actionItems: 'id, pairId, sessionId',
      notes: 'id, sessionId, pairId',
      reflections: 'id, sessionId, pairId',
      customPrompts: 'id, pairId',
      promptStates: 'id, pairId',
    },
  },
  {
    // Sync bookkeeping (outbox, field stamps, shared spaces, conflict copies) and the search
    // index: new tables only, nothing to migrate.
    version: 2,
    stores: {
      outbox: 'id, pairId',
      syncMeta: 'id',
      syncSpaces: 'id',
      conflicts: 'id, pairId',
      searchIndex: 'id, pairId, *words',
    },
  },
  {
    // The clock's high-water mark shared by every page and the background: a new table only.
    version: 3,
    stores: { clock: 'id' },
  },
  {
    // Search holds its index in memory (utils/search/search.ts) and reads these rows by key only: the
    // multi-entry word index cost every save ~50 index entries for nothing. Dropped, rows kept.
    version: 4,
    stores: { searchIndex: 'id' },
  },
  {
    // Issue 15, new tables only: two-way feedback (utils/schema/feedback.ts) — the sealed answers,
    // synced, and this browser's drafts and answer keys, never synced; the mentor's roles
    // (docs/mentor-roles.md) — introductions and shared role notes; the relationship's arc
    // (docs/arc.md) — learnings and the closing of a pair.
    version: 5,
    stores: {
      feedback: 'id, pairId, sessionId',
      feedbackKeys: 'id, pairId, sessionId',
      introductions: 'id, pairId, sessionId',
      roleNotes: 'id, sessionId, pairId',
      learnings: 'id, pairId',
      closings: 'id, pairId',
    },
  },
  {
    // Issue 16, new tables only: a pair's enrolments in mentoring programmes, each member's
    // consent, and the receipts of the reports sent (docs/programmes.md).
    version: 6,
    stores: {
      programmeEnrolments: 'id, pairId',
      programmeConsents: 'id, pairId',
      programmeReceipts: 'id, pairId',
    },
  },
  {
    // Issue 17, new tables only: the search index's change log, written by a middleware in the
    // same transaction as every index write (utils/search/search-log.ts), and the packed
    // snapshot of the index a panel loads instead of reading every row again.
    version: 7,
    stores: { searchLog: '++seq', searchSnapshot: 'id' },
  },
];

export const privateVersions: readonly DbVersion[] = [
  {
    version: 1,
    stores: {
      notes: 'id, sessionId, pairId',
      reflections: 'id, sessionId, pairId',
    },
  },
  {
    // The search index of private text stays in the private database.
    version: 2,
    stores: { searchIndex: 'id, pairId, *words' },
  },
  {
    // As the shared database's version 4: search reads these rows by key only.
    version: 3,
    stores: { searchIndex: 'id' },
  },
  {
    // Issue 15, new tables only: private role notes (docs/mentor-roles.md) and private learnings
    // (the relationship's arc, docs/arc.md).
    version: 4,
    stores: { roleNotes: 'id, sessionId, pairId', learnings: 'id, pairId' },
  },
  {
    // As the shared database's version 7: the private index's log and snapshot stay here.
    version: 5,
    stores: { searchLog: '++seq', searchSnapshot: 'id' },
  },
];

export type SharedDb = Dexie & { [K in SharedTableName]: EntityTable<RecordOf<K>, 'id'> } & {
  outbox: EntityTable<OutboxEntry, 'id'>;
  syncMeta: EntityTable<SyncMetaEntry, 'id'>;
  syncSpaces: EntityTable<SyncSpace, 'id'>;
  conflicts: EntityTable<ConflictEntry, 'id'>;
  searchIndex: EntityTable<SearchEntry, 'id'>;
  searchLog: EntityTable<SearchLogEntry, 'seq'>;
  searchSnapshot: EntityTable<SearchSnapshot, 'id'>;
  clock: EntityTable<ClockEntry, 'id'>;
  feedbackKeys: EntityTable<FeedbackKey, 'id'>;
};
export type PrivateDb = Dexie & {
  notes: EntityTable<Note, 'id'>;
  reflections: EntityTable<Reflection, 'id'>;
  roleNotes: EntityTable<RoleNote, 'id'>;
  learnings: EntityTable<Learning, 'id'>;
  searchIndex: EntityTable<SearchEntry, 'id'>;
  searchLog: EntityTable<SearchLogEntry, 'seq'>;
  searchSnapshot: EntityTable<SearchSnapshot, 'id'>;
};

export interface DbEvents {
  /** Another page opened a newer version: this connection was closed and the page must reload. */
  onVersionChange?: () => void;
  /** Our upgrade waits for an older page to close its connection. */
  onBlocked?: () => void;
}

function declare(db: Dexie, versions: readonly DbVersion[], events: DbEvents): void {
  // Every write to the search index logs its keys, whoever makes it (utils/search/search-log.ts).
  db.use(searchLogMiddleware);
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  // Close at once so that a newer version opening in another panel never hangs on us, and
  // tell the UI, which asks the user to reload (it cannot keep writing with the old schema).
  db.on('versionchange', () => {
    db.close();
    events.onVersionChange?.();
    return false;
  });
  db.on('blocked', () => events.onBlocked?.());
}

export function openSharedDb(name = SHARED_DB_NAME, events: DbEvents = {}): SharedDb {
  const db = new Dexie(name) as SharedDb;
  declare(db, sharedVersions, events);
  return db;
}

export function openPrivateDb(name = PRIVATE_DB_NAME, events: DbEvents = {}): PrivateDb {
  const db = new Dexie(name) as PrivateDb;
  declare(db, privateVersions, events);
  return db;
}

/** The stores a list of versions ends up with (Dexie applies them in order; null drops one). */
export function declaredStores(versions: readonly DbVersion[]): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const version of versions) {
    for (const [name, spec] of Object.entries(version.stores)) {
      if (spec === null) delete stores[name];
      else stores[name] = spec;
    }
  }
  return stores;
}

/** The stores the record schemas call for today; the declared versions must end up there. */
export const expectedSharedStores = { ...dexieStores(sharedTables), ...dexieStores(localTables) };
export const expectedPrivateStores = dexieStores(privateTables);
