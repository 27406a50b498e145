import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type DbVersion,
  expectedPrivateStores,
  expectedSharedStores,
  openPrivateDb,
  openSharedDb,
  privateVersions,
  sharedVersions,
} from '../../utils/data/db';
import { formatHlc } from '../../utils/data/hlc';
import { parseRecord } from '../../utils/data/validate';
import {
  localTables,
  privateTables,
  sharedTables,
  type TableSpec,
} from '../../utils/schema/tables';
import { uniqueName } from './helpers';

/*
 * Every version of each database must open what the versions before it wrote. For each declared
 * version this writes a database as that version did (version 1 with the raw IndexedDB API, the
 * way Dexie laid it out; later ones with Dexie declaring the versions up to it), then opens it
 * with today's code. Adding a version adds a case here: give it its records below, as that
 * version writes them. Never edit the records of a released version.
 */

type Row = Record<string, unknown>;
type Rows = Record<string, Row[]>;

const stamp = (n: number) =>
  formatHlc({ wall: 1_700_000_000_000, counter: n, deviceId: 'device-a' });
const synced = (id: string, n: number) => ({
  id,
  updatedAt: stamp(n),
  deleted: false,
  deviceId: 'device-a',
});

/** What version 1 of Tandem wrote. */
const sharedV1: Rows = {
  pairs: [
    {
      ...synced('pair-1', 1),
      title: 'Ada and Grace',
      model: 'one-to-one',
      members: [{ id: 'm1', name: 'Ada', email: 'ada@example.org', role: 'mentee' }],
      myRole: 'mentee',
      cadenceDays: 14,
      agreement: { rhythm: 'Fortnightly', confidentiality: 'Between us', scope: 'Career' },
      matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
      archived: false,
      createdAt: 1_700_000_000_000,
    },
  ],
  goals: [
    {
      ...synced('goal-1', 2),
      pairId: 'pair-1',
      title: 'Give a talk',
      why: '',
      measure: '',
      targetDate: '2025-06-30',
      status: 'active',
      progress: 40,
      order: 1,
    },
    {
      ...synced('goal-2', 3),
      pairId: 'pair-1',
      title: 'Old goal',
      why: '',
      measure: '',
      targetDate: '',
      status: 'dropped',
      progress: 0,
      order: 2,
      deleted: true,
    },
  ],
  sessions: [
    {
      ...synced('session-1', 4),
      pairId: 'pair-1',
      scheduledAt: '2025-01-07T10:30',
      calendarEventId: '',
      meetingUrl: '',
      status: 'planned',
      createdAt: 1_700_000_000_000,
    },
  ],
  agendaItems: [
    {
      ...synced('agenda-1', 5),
      pairId: 'pair-1',
      sessionId: 'session-1',
      text: 'Talk abstract',
      addedBy: 'mentee',
      order: 1,
      done: false,
      carriedFrom: null,
    },
  ],
  actionItems: [
    {
      ...synced('action-1', 6),
      pairId: 'pair-1',
      sessionId: 'session-1',
      text: 'Send the abstract',
      owner: 'mentee',
      due: '',
      status: 'open',
      closedInSessionId: null,
      createdAt: 1_700_000_000_000,
    },
  ],
  notes: [
    {
      ...synced('note-1', 7),
      pairId: 'pair-1',
      sessionId: 'session-1',
      body: 'Shared words',
      visibility: 'shared',
      createdAt: 1_700_000_000_000,
    },
  ],
  reflections: [
    {
      ...synced('reflection-1', 8),
      pairId: 'pair-1',
      sessionId: 'session-1',
      prompt: 'What went well?',
      answer: 'The outline',
      visibility: 'shared',
      createdAt: 1_700_000_000_000,
    },
  ],
  customPrompts: [
    {
      ...synced('custom-1', 9),
      pairId: 'pair-1',
      text: 'What surprised you?',
      phase: 'review',
      role: 'both',
      theme: 'feedback',
      models: [],
      createdAt: 1_700_000_000_000,
    },
  ],
  promptStates: [
    {
      ...synced('pair-1:bank-goals-01', 10),
      pairId: 'pair-1',
      promptId: 'bank-goals-01',
      pinned: true,
      skippedUntil: 0,
      lastShownAt: 0,
    },
  ],
};

const privateV1: Rows = {
  notes: [
    {
      ...synced('note-2', 11),
      pairId: 'pair-1',
      sessionId: 'session-1',
      body: 'Private words',
      visibility: 'private',
      createdAt: 1_700_000_000_000,
    },
  ],
  reflections: [
    {
      ...synced('reflection-2', 12),
      pairId: 'pair-1',
      sessionId: 'session-1',
      prompt: 'How do I feel?',
      answer: 'Tired but glad',
      visibility: 'private',
      createdAt: 1_700_000_000_000,
    },
  ],
};

/** What version 2 wrote: version 1's records plus sync bookkeeping and the search index. */
const sharedV2: Rows = {
  ...sharedV1,
  outbox: [
    { id: 'goals:goal-1', table: 'goals', recordId: 'goal-1', pairId: 'pair-1', queuedAt: 1 },
  ],
  syncMeta: [{ id: 'goals:goal-1', fields: { title: stamp(2) }, synced: {} }],
  conflicts: [
    {
      id: 'conflict-1',
      pairId: 'pair-1',
      table: 'notes',
      recordId: 'note-1',
      field: 'body',
      text: 'The other version',
      fromDeviceId: 'device-b',
      createdAt: 1_700_000_000_000,
      resolved: false,
    },
  ],
  searchIndex: [
    {
      id: 'goals:goal-1',
      table: 'goals',
      recordId: 'goal-1',
      pairId: 'pair-1',
      sessionId: null,
      words: ['give', 'talk'],
    },
  ],
};

const privateV2: Rows = {
  ...privateV1,
  searchIndex: [
    {
      id: 'notes:note-2',
      table: 'notes',
      recordId: 'note-2',
      pairId: 'pair-1',
      sessionId: 'session-1',
      words: ['private', 'words'],
    },
  ],
};

/** What version 3 wrote: version 2's rows, a resolved copy still to announce, and the clock. */
const sharedV3: Rows = {
  ...sharedV2,
  syncMeta: [
    { id: 'goals:goal-1', fields: { title: stamp(2) }, synced: {}, resolves: ['conflict-1'] },
  ],
  clock: [{ id: 'hlc', stamp: stamp(9) }],
};

/** What version 5 wrote: a side's sealed feedback (revealed) and this browser's key for it. */
const feedbackV5: Rows = {
  ...sharedV3,
  feedback: [
    {
      ...synced('session-1:mentee', 10),
      pairId: 'pair-1',
      sessionId: 'session-1',
      side: 'mentee',
      sealed: { iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      commitment: 'A'.repeat(43),
      submittedAt: 1_700_000_000_000,
      revealedKey: 'B'.repeat(43),
      openedByChoice: false,
      revealedAgainst: null,
    },
  ],
  feedbackKeys: [
    {
      id: 'session-1:mentee',
      pairId: 'pair-1',
      sessionId: 'session-1',
      key: 'B'.repeat(43),
    },
    {
      id: 'session-2:mentee',
      pairId: 'pair-1',
      sessionId: 'session-2',
      draft: { helped: 'The talk', change: '', word: '', usefulness: 0 },
    },
  ],
};
/** Shared version 5 and private version 4 (issue 15): feedback, the mentor's roles, the arc. */
const roleNote = (id: string, n: number, visibility: 'private' | 'shared') => ({
  ...synced(id, n),
  pairId: 'pair-1',
  sessionId: 'session-1',
  author: 'mentee',
  used: ['advisor'],
  needed: ['challenger', 'connector'],
  note: 'More stretch next time',
  visibility,
  createdAt: 1_700_000_000_000,
});
/** What the relationship's arc (docs/arc.md) wrote: learnings and a pair's closing. */
const arcLearning = {
  ...synced('learning-1', 16),
  pairId: 'pair-1',
  sessionId: 'session-1',
  authorRole: 'mentor',
  text: 'How a junior colleague reads a codebase',
  visibility: 'shared',
  inRecord: true,
  createdAt: 1_700_000_000_000,
};
const sharedV5: Rows = {
  ...feedbackV5,
  pairs: [
    {
      ...(sharedV1.pairs?.[0] as Row),
      phase: 'progress',
      agreement: {
        rhythm: 'Fortnightly',
        confidentiality: 'Between us',
        scope: 'Career',
        startDate: '2025-01-01',
        midpointDate: '2025-04-01',
        endDate: '2025-07-01',
      },
    },
  ],
  learnings: [arcLearning],
  closings: [
    {
      ...synced('pair-1:closing', 17),
      pairId: 'pair-1',
      whatNext: 'A speaking course',
      learnFrom: 'Grace',
      endorsement: 'Ada explains hard things simply.',
    },
  ],
  introductions: [
    {
      ...synced('intro-1', 13),
      pairId: 'pair-1',
      sessionId: 'session-1',
      who: 'Dana Reyes',
      org: 'Platform team',
      why: 'Ran the migration last year',
      status: 'introduced',
      followUp: '2026-01-15',
      closedInSessionId: null,
      createdAt: 1_700_000_000_000,
    },
  ],
  roleNotes: [roleNote('role-note-1', 14, 'shared')],
};
const privateV4: Rows = {
  ...privateV2,
  roleNotes: [roleNote('role-note-2', 15, 'private')],
  learnings: [{ ...arcLearning, id: 'learning-2', visibility: 'private', inRecord: false }],
};

/** Shared version 6 (issue 16): a pair's enrolment in a programme, a consent, a receipt. */
const sharedV6: Rows = {
  ...sharedV5,
  programmeEnrolments: [
    {
      ...synced('pair-1:AAAAAAAAAAAAAAAAAAAAAA', 18),
      pairId: 'pair-1',
      programmeId: 'AAAAAAAAAAAAAAAAAAAAAA',
      sidecar: 'https://sidecar.example.org',
      programme: {
        id: 'AAAAAAAAAAAAAAAAAAAAAA',
        version: 1,
        name: 'Spring cohort',
        startsOn: '2025-01-01',
        endsOn: '2025-06-30',
        milestones: [{ id: 'midpoint', kind: 'midpoint', title: 'Mid-point', due: '2025-04-01' }],
        agreementTemplate: '',
        prompts: [],
        sessionTemplates: [],
        feedbackQuestions: [],
        minGroupSize: 5,
      },
      secret: 'S'.repeat(43),
      proposedBy: 'm1',
      proposedAt: 1_700_000_000_000,
      keys: {
        publicKey: { kty: 'EC', crv: 'P-256', x: 'X'.repeat(43), y: 'Y'.repeat(43) },
        privateKey: {
          kty: 'EC',
          crv: 'P-256',
          x: 'X'.repeat(43),
          y: 'Y'.repeat(43),
          d: 'D'.repeat(43),
        },
      },
      enrolmentId: 'E'.repeat(43),
      leftAt: null,
      leftBy: null,
    },
  ],
  programmeConsents: [
    {
      ...synced('pair-1:AAAAAAAAAAAAAAAAAAAAAA:m1', 19),
      pairId: 'pair-1',
      enrolmentRecordId: 'pair-1:AAAAAAAAAAAAAAAAAAAAAA',
      memberId: 'm1',
      agreedAt: 1_700_000_000_000,
    },
  ],
  programmeReceipts: [
    {
      ...synced('pair-1:AAAAAAAAAAAAAAAAAAAAAA:2025-02', 20),
      pairId: 'pair-1',
      enrolmentRecordId: 'pair-1:AAAAAAAAAAAAAAAAAAAAAA',
      period: '2025-02',
      report: {
        v: 1,
        programmeId: 'AAAAAAAAAAAAAAAAAAAAAA',
        period: '2025-02',
        nonce: 'N'.repeat(22),
        sessionsHeld: 2,
        rhythmKept: true,
        milestones: { midpoint: false },
        goals: { active: 1, achieved: 0, paused: 0, dropped: 0 },
        actionItems: { done: 1, open: 2 },
        usefulness: [0, 0, 0, 1, 1],
        rolesUsed: { advisor: 1, challenger: 0, connector: 0, supporter: 1 },
      },
      sentAt: 1_700_000_000_000,
      receivedAt: 1_700_000_000_000,
    },
  ],
};

/** Version 4 (shared) and 3 (private) only dropped the search index's indexes: same rows. */
/** What version 7 wrote: version 6's rows and a search snapshot's mark (its log rows carry no id). */
const sharedV7: Rows = {
  ...sharedV6,
  searchSnapshot: [{ id: 'pruned', watermark: 3 }],
};

/** What version 5 wrote: version 4's rows and the private search snapshot's mark. */
const privateV5: Rows = {
  ...privateV4,
  searchSnapshot: [{ id: 'pruned', watermark: 1 }],
};

const sharedWrittenBy: Record<number, Rows> = {
  1: sharedV1,
  2: sharedV2,
  3: sharedV3,
  4: sharedV3,
  5: sharedV5,
  6: sharedV6,
  7: sharedV7,
};
const privateWrittenBy: Record<number, Rows> = {
  1: privateV1,
  2: privateV2,
  3: privateV2,
  4: privateV4,
  5: privateV5,
};

/* ---------- writing a database as an old version did ---------- */

/** Dexie's store syntax: "++id" auto-increment, "&x" unique, "*x" multi-entry, "[a+b]" compound. */
function parseStore(spec: string) {
  const parts = spec.split(',').map((part) => part.trim());
  const name = (part: string) => part.replace(/^(\+\+|&|\*)/, '');
  const keyPath = (part: string) => {
    const bare = name(part);
    return bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare;
  };
  const [primary = '', ...indexes] = parts;
  return {
    keyPath: name(primary) ? keyPath(primary) : null, // "" or "++": keys kept outside the record
    autoIncrement: primary.startsWith('++'),
    indexes: indexes.filter(Boolean).map((part) => ({
      name: name(part),
      keyPath: keyPath(part),
      unique: part.startsWith('&'),
      multiEntry: part.startsWith('*'),
    })),
  };
}

/** Version 1, written with the raw IndexedDB API (Dexie stores version n as n × 10). */
function writeFirstVersionRaw(name: string, version: DbVersion, rows: Rows): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version.version * 10);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [store, spec] of Object.entries(version.stores)) {
        if (spec === null) continue;
        const { keyPath, autoIncrement, indexes } = parseStore(spec);
        const objectStore = db.createObjectStore(store, { keyPath, autoIncrement });
        for (const index of indexes) {
          objectStore.createIndex(index.name, index.keyPath, {
            unique: index.unique,
            multiEntry: index.multiEntry,
          });
        }
      }
      for (const [store, records] of Object.entries(rows)) {
        const objectStore = request.transaction?.objectStore(store);
        for (const record of records) objectStore?.put(record);
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** A later version, written by Dexie declaring every version up to it. */
async function writeWithDexie(
  name: string,
  versions: readonly DbVersion[],
  rows: Rows,
): Promise<void> {
  const db = new Dexie(name);
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  await db.transaction('rw', Object.keys(rows), async () => {
    for (const [store, records] of Object.entries(rows)) await db.table(store).bulkPut(records);
  });
  db.close();
}

function rawStores(db: Dexie): Record<string, string[]> {
  const idb = db.backendDB();
  const stores: Record<string, string[]> = {};
  const names = [...idb.objectStoreNames];
  if (names.length === 0) return stores;
  const tx = idb.transaction(names, 'readonly');
  for (const storeName of names)
    stores[storeName] = [...tx.objectStore(storeName).indexNames].sort();
  return stores;
}

function indexNames(stores: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(stores).map(([store, spec]) => [
      store,
      spec
        .split(',')
        .slice(1)
        .map((part) => part.trim().replace(/^(&|\*)/, ''))
        .filter(Boolean)
        .sort(),
    ]),
  );
}

/* ---------- the cases ---------- */

interface Case {
  label: string;
  versions: readonly DbVersion[];
  writtenBy: Record<number, Rows>;
  tables: Record<string, TableSpec>;
  expectedStores: Record<string, string>;
  open: (name: string) => Dexie;
}

const cases: Case[] = [
  {
    label: 'shared',
    versions: sharedVersions,
    writtenBy: sharedWrittenBy,
    tables: { ...sharedTables, ...localTables },
    expectedStores: expectedSharedStores,
    open: (name) => openSharedDb(name),
  },
  {
    label: 'private',
    versions: privateVersions,
    writtenBy: privateWrittenBy,
    tables: privateTables,
    expectedStores: expectedPrivateStores,
    open: (name) => openPrivateDb(name),
  },
];

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

for (const { label, versions, writtenBy, tables, expectedStores, open } of cases) {
  const newest = versions[versions.length - 1]?.version ?? 0;

  describe.each(versions.map((v, index) => ({ version: v.version, index })))(
    `a ${label} database written by version $version`,
    ({ version, index }) => {
      async function writtenAndReopened() {
        const rows = writtenBy[version];
        if (!rows)
          throw new Error(`Add the records ${label} version ${version} writes to this test.`);
        const name = uniqueName(`migrate-${label}-v${version}`);
        const declared = versions[index] as DbVersion;
        if (index === 0) await writeFirstVersionRaw(name, declared, rows);
        else await writeWithDexie(name, versions.slice(0, index + 1), rows);
        const db = open(name);
        opened.push(db);
        await db.open();
        return { db, rows };
      }

      test('opens at the newest version with the newest tables and indexes', async () => {
        const { db } = await writtenAndReopened();
        expect(db.verno).toBe(newest);
        expect(db.backendDB().version).toBe(newest * 10);
        expect(rawStores(db)).toEqual(indexNames(expectedStores));
      });

      test('keeps every record readable and valid for today’s schemas', async () => {
        const { db, rows } = await writtenAndReopened();
        for (const [store, records] of Object.entries(rows)) {
          const spec = tables[store];
          if (!spec) continue; // a table a later version dropped
          for (const record of records) {
            const stored = await db.table(store).get(record.id as string);
            expect(stored, `${store} ${String(record.id)}`).toBeDefined();
            expect(
              () => parseRecord(spec.schema, stored),
              `${store} ${String(record.id)}`,
            ).not.toThrow();
          }
        }
      });

      test('finds the old records through every index', async () => {
        const { db, rows } = await writtenAndReopened();
        for (const [store, spec] of Object.entries(tables)) {
          for (const record of rows[store] ?? []) {
            for (const index of spec.indexes) {
              const value = record[index];
              if (value === undefined) continue;
              const found = await db
                .table(store)
                .where(index)
                .equals(value as string)
                .primaryKeys();
              expect(found, `${store}.${index}`).toContain(record.id);
            }
          }
        }
      });
    },
  );
}

test('every declared version has records to migrate from', () => {
  expect(Object.keys(sharedWrittenBy).map(Number)).toEqual(sharedVersions.map((v) => v.version));
  expect(Object.keys(privateWrittenBy).map(Number)).toEqual(privateVersions.map((v) => v.version));
});
