import { afterEach, describe, expect, test } from 'vitest';
import type { PrivateDb, SharedDb } from '../../utils/data/db';
import { privateVersions, sharedVersions } from '../../utils/data/db';
import { PRIVATE_NATIVE_VERSION, SHARED_NATIVE_VERSION } from '../../utils/data/db-names';
import { openEarly } from '../../utils/data/raw-opening';
import { NotRawReadable, openRawReader, type RawReader } from '../../utils/data/raw-reader';
import { addActionItem } from '../../utils/data/records/action-items';
import { addAgendaItem } from '../../utils/data/records/agenda-items';
import { addGoal } from '../../utils/data/records/goals';
import { addNote } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { addReflection } from '../../utils/data/records/reflections';
import { ensurePlannedSession, holdSession } from '../../utils/data/records/sessions';
import { actionHistoryOf, actionItemsOf } from '../../utils/queries/action-items';
import { agendaItemsOf, agendaOf } from '../../utils/queries/agenda-items';
import { goalsOf } from '../../utils/queries/goals';
import { notesOf } from '../../utils/queries/notes';
import {
  activePairs,
  isShared,
  pairById,
  pendingByPair,
  pendingOf,
} from '../../utils/queries/pairs';
import { promptsOf } from '../../utils/queries/prompts';
import { reflectionsOf } from '../../utils/queries/reflections';
import { historyOf } from '../../utils/queries/session-details';
import { meetingsOfSessions, sessionById, sessionsOf } from '../../utils/queries/sessions';
import { closeStores, goalInput, makeStore, memoryStorage, pairInput, uniqueName } from './helpers';

/*
 * The panel's first view reads straight from IndexedDB while Dexie loads
 * (utils/data/raw-reader.ts): every query must give exactly what it gives under Dexie, never
 * create or upgrade a database, and never write — a write waits for Dexie.
 */

const readers: RawReader[] = [];
afterEach(() => {
  for (const reader of readers.splice(0)) reader.close();
  closeStores();
});

const noLive = () => new Promise<never>(() => {});
function rawReader(name: string, minVersion: number, live: () => Promise<unknown> = noLive) {
  const events = { settled: 0, unreadable: 0 };
  const reader = openRawReader(name, minVersion, {
    live,
    onSettled: () => {
      events.settled += 1;
    },
    onUnreadable: () => {
      events.unreadable += 1;
    },
  });
  readers.push(reader);
  return { reader, events };
}

/** How many IndexedDB transactions `work` begins (on any connection of this environment). */
async function countTransactions(db: SharedDb, work: () => Promise<unknown>): Promise<number> {
  const proto = Object.getPrototypeOf(db.backendDB()) as IDBDatabase;
  const original = proto.transaction;
  let transactions = 0;
  proto.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    transactions += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.transaction = original;
  }
  return transactions;
}

async function seeded() {
  const store = makeStore();
  const pair = await createPair(store, pairInput({ title: 'Ana and Ben' }));
  const other = await createPair(store, pairInput({ title: 'Cleo and Dan' }));
  for (const p of [pair, other]) {
    for (const title of ['First', 'Second', 'Third'])
      await addGoal(store, p.id, goalInput({ title }));
    const held = await ensurePlannedSession(store, p.id);
    await addAgendaItem(store, held, `Agenda of ${p.title}`, 'mentor');
    await addActionItem(store, held, { text: `Do for ${p.title}`, owner: 'both', due: '' });
    await addNote(store, held, 'shared', `Shared note of ${p.title}`);
    await addNote(store, held, 'private', `Private note of ${p.title}`);
    await addReflection(store, held, 'What went well?', 'private');
    store.advance(7 * 86_400_000);
    const next = await holdSession(store, held.id, 14);
    await addAgendaItem(store, next, 'Next agenda', 'mentee');
  }
  return { store, pair, other };
}

describe('the first reads, straight from IndexedDB', () => {
  test('the native versions it expects are Dexie’s newest versions × 10', () => {
    expect(SHARED_NATIVE_VERSION).toBe((sharedVersions.at(-1)?.version ?? 0) * 10);
    expect(PRIVATE_NATIVE_VERSION).toBe((privateVersions.at(-1)?.version ?? 0) * 10);
  });

  test('every query the first view makes gives what it gives under Dexie', async () => {
    const { store, pair } = await seeded();
    const sessions = await sessionsOf(store.db, pair.id);
    const raw = {
      db: rawReader(store.db.name, SHARED_NATIVE_VERSION).reader.db as SharedDb,
      privateDb: rawReader(store.privateDb.name, PRIVATE_NATIVE_VERSION).reader.db as PrivateDb,
    };
    const queries: [string, (s: { db: SharedDb; privateDb: PrivateDb }) => Promise<unknown>][] = [
      ['activePairs', (s) => activePairs(s.db)],
      ['pairById', (s) => pairById(s.db, pair.id)],
      ['pendingByPair', (s) => pendingByPair(s.db)],
      ['pendingOf', (s) => pendingOf(s.db, pair.id)],
      ['isShared', (s) => isShared(s.db, pair.id)],
      ['goalsOf', (s) => goalsOf(s.db, pair.id)],
      ['sessionsOf', (s) => sessionsOf(s.db, pair.id)],
      ['sessionById', (s) => sessionById(s.db, sessions[0]?.id ?? '')],
      ['meetingsOfSessions', (s) => meetingsOfSessions(s.db)],
      ['agendaOf', (s) => agendaOf(s.db, sessions[1]?.id ?? '')],
      ['agendaItemsOf', (s) => agendaItemsOf(s.db, pair.id)],
      ['actionItemsOf', (s) => actionItemsOf(s.db, pair.id)],
      ['actionHistoryOf', (s) => actionHistoryOf(s.db, pair.id)],
      ['promptsOf', (s) => promptsOf(s.db, pair.id)],
      ['notesOf', (s) => notesOf(s, sessions[0]?.id ?? '')],
      ['reflectionsOf', (s) => reflectionsOf(s, sessions[0]?.id ?? '')],
      ['historyOf', (s) => historyOf(s, pair.id, { shown: 10 })],
      // A collection filtered in memory (components/programme/programme-home.tsx reads so).
      [
        'where…filter',
        (s) =>
          s.db.goals
            .where('pairId')
            .equals(pair.id)
            .filter((g) => g.title !== 'Second')
            .toArray(),
      ],
      [
        'anyOf…filter…count',
        (s) =>
          s.db.goals
            .where('pairId')
            .anyOf([pair.id])
            .filter((g) => g.title !== 'Second')
            .count(),
      ],
    ];
    for (const [name, query] of queries) {
      const expected = await query(store);
      expect(await query(raw), name).toEqual(expected);
    }
    // Named as Dexie names it: the search worker opens the database by this name.
    expect(raw.db.name).toBe(store.db.name);
    // Sanity: the reads saw the pair's own records, private text included, and no other pair's.
    const notes = (await notesOf(raw, sessions[0]?.id ?? '')) as { body: string }[];
    expect(notes.map((n) => n.body).sort()).toEqual([
      'Private note of Ana and Ben',
      'Shared note of Ana and Ben',
    ]);
  });

  test('reads asked for together share one transaction', async () => {
    const { store, pair } = await seeded();
    const { reader } = rawReader(store.db.name, SHARED_NATIVE_VERSION);
    const raw = reader.db as SharedDb;
    await activePairs(raw); // opened
    const transactions = await countTransactions(store.db, () =>
      Promise.all([goalsOf(raw, pair.id), sessionsOf(raw, pair.id), agendaItemsOf(raw, pair.id)]),
    );
    expect(transactions).toBe(1);
  });

  test('a query part-way through when Dexie takes over finishes there, with the same rows', async () => {
    const { store, pair } = await seeded();
    const shared = rawReader(store.db.name, SHARED_NATIVE_VERSION, async () => store.db);
    const privately = rawReader(
      store.privateDb.name,
      PRIVATE_NATIVE_VERSION,
      async () => store.privateDb,
    );
    const raw = {
      db: shared.reader.db as SharedDb,
      privateDb: privately.reader.db as PrivateDb,
    };
    const expected = await historyOf(store, pair.id, { shown: 10 });
    // The history reads in stages (sessions and goals, then each session's details): Dexie
    // takes over after the first stage has been asked for, before it is answered.
    const query = historyOf(raw, pair.id, { shown: 10 });
    shared.reader.close();
    privately.reader.close();
    // Answered there (the raw connection is closed), not refused.
    expect(await query).toEqual(expected);
    expect(shared.events.unreadable + privately.events.unreadable).toBe(0);
    // Reads begun after the takeover are made there too.
    expect(await goalsOf(raw.db, pair.id)).toEqual(await goalsOf(store.db, pair.id));
  });
  test('a connection begun early (the panel’s first script) is taken over by the first reads', async () => {
    const { store, pair } = await seeded();
    openEarly({ [store.db.name]: SHARED_NATIVE_VERSION });
    const openings = (globalThis as unknown as Record<string, Record<string, unknown>>)
      .__tandemOpenings;
    expect(openings?.[store.db.name]).toBeDefined();
    const { reader } = rawReader(store.db.name, SHARED_NATIVE_VERSION);
    expect(openings?.[store.db.name]).toBeUndefined(); // taken, once
    expect(await goalsOf(reader.db as SharedDb, pair.id)).toEqual(await goalsOf(store.db, pair.id));
  });

  test('the next first view asks for the reads of the last one at once, in one transaction', async () => {
    const { store, pair } = await seeded();
    const storage = memoryStorage();
    (globalThis as { localStorage?: unknown }).localStorage = storage;
    try {
      // The first time: the reads come in waves (pairs, then the pair's sessions and goals).
      const first = rawReader(store.db.name, SHARED_NATIVE_VERSION).reader;
      const firstDb = first.db as SharedDb;
      const wave = async (db: SharedDb) => {
        const [shown] = await activePairs(db);
        const sessions = await sessionsOf(db, shown?.id ?? '');
        return [
          sessions,
          await goalsOf(db, shown?.id ?? ''),
          await agendaOf(db, sessions[1]?.id ?? ''),
        ];
      };
      const expected = await wave(store.db);
      expect(await wave(firstDb)).toEqual(expected);
      first.close();
      // Kept: table, index, operation and ids — never a record's text.
      const plan = storage.getItem(`tandem:first-reads:${store.db.name}`) ?? '';
      expect(plan).toContain(pair.id);
      expect(plan).not.toContain('Lead the launch');
      expect(plan).not.toContain('Agenda of');
      // The next time: every read is answered from the plan's one transaction.
      const transactions = await countTransactions(store.db, async () => {
        const second = rawReader(store.db.name, SHARED_NATIVE_VERSION).reader;
        expect(await wave(second.db as SharedDb)).toEqual(expected);
      });
      expect(transactions).toBe(1);
      // A plan that is not one (edited, or from another version) is ignored, never trusted.
      storage.setItem(
        `tandem:first-reads:${store.db.name}`,
        '[{"t":1},"x",{"t":"goals","i":"nope","o":"all","k":"a"}]',
      );
      const third = rawReader(store.db.name, SHARED_NATIVE_VERSION).reader;
      expect(await wave(third.db as SharedDb)).toEqual(expected);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  test('a database that does not exist is neither read nor created', async () => {
    const name = uniqueName('missing');
    const { reader, events } = rawReader(name, SHARED_NATIVE_VERSION);
    await expect(activePairs(reader.db as SharedDb)).rejects.toBeInstanceOf(NotRawReadable);
    expect(events.unreadable).toBe(1);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
  });

  test('a database an upgrade is pending for is left to Dexie', async () => {
    const name = uniqueName('old');
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 50);
      req.onupgradeneeded = () => req.result.createObjectStore('pairs', { keyPath: 'id' });
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const { reader, events } = rawReader(name, SHARED_NATIVE_VERSION);
    await expect(activePairs(reader.db as SharedDb)).rejects.toBeInstanceOf(NotRawReadable);
    expect(events.unreadable).toBe(1);
  });

  test('a query asking for more than the raw reads offer is refused, not guessed', async () => {
    const { store } = await seeded();
    const { reader, events } = rawReader(store.db.name, SHARED_NATIVE_VERSION);
    const raw = reader.db as SharedDb;
    await expect(raw.goals.where('noSuchIndex').equals('x').toArray()).rejects.toBeInstanceOf(
      NotRawReadable,
    );
    expect(events.unreadable).toBe(1);
    expect(events.settled).toBeGreaterThan(0);
  });

  test('a write waits for Dexie and is made there', async () => {
    const { store, pair } = await seeded();
    let openLive: (db: unknown) => void = () => {};
    const live = new Promise((resolve) => {
      openLive = resolve;
    });
    const { reader } = rawReader(store.db.name, SHARED_NATIVE_VERSION, () => live);
    const raw = reader.db as SharedDb;
    const goals = await goalsOf(store.db, pair.id);
    const first = goals[0];
    if (!first) throw new Error('no goal');
    const writing = raw.goals.put({ ...first, title: 'Renamed' });
    // Not yet: Dexie has not loaded.
    await Promise.resolve();
    expect((await store.db.goals.get(first.id))?.title).toBe(first.title);
    openLive(store.db);
    await writing;
    expect((await store.db.goals.get(first.id))?.title).toBe('Renamed');
    // A transaction begun on the raw reads runs on Dexie, over the tables named.
    await raw.transaction('rw', raw.goals, async () => {
      await store.db.goals.update(first.id, { title: 'In a transaction' });
    });
    expect((await store.db.goals.get(first.id))?.title).toBe('In a transaction');
    // …and so does one given its tables in an array, as every write does (records/write.ts).
    await raw.transaction('rw', [raw.goals, raw.outbox], async () => {
      await store.db.goals.update(first.id, { title: 'Tables in an array' });
    });
    expect((await store.db.goals.get(first.id))?.title).toBe('Tables in an array');
    // A real write begun before Dexie is there, on a store whose databases are the raw reads
    // until Dexie takes over (as utils/panel/store.ts swaps them).
    let takeOver: () => void = () => {};
    const tookOver = new Promise<void>((resolve) => {
      takeOver = resolve;
    });
    const rawStore: typeof store = { ...store };
    rawStore.db = rawReader(store.db.name, SHARED_NATIVE_VERSION, async () => {
      await tookOver;
      return rawStore.db;
    }).reader.db as SharedDb;
    const writing2 = addGoal(
      rawStore,
      pair.id,
      goalInput({ title: 'Written through the raw store' }),
    );
    rawStore.db = store.db;
    takeOver();
    await writing2;
    expect((await goalsOf(store.db, pair.id)).map((g) => g.title)).toContain(
      'Written through the raw store',
    );
  });
});
