import { afterEach, describe, expect, test } from 'vitest';
import { openPrivateDb, openSharedDb } from '../../utils/data/db';
import { addNote, deleteNote, saveNoteBody } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import { indexFeedback } from '../../utils/search/feedback-index';
import { type SearchDbs, SearchEngine } from '../../utils/search/search-engine';
import type { FoundDoc } from '../../utils/search/search-protocol';
import { type IndexedDoc, WordIndex } from '../../utils/search/word-index';
import { closeStores, makeStore, pairInput } from './helpers';

afterEach(closeStores);

/* ---------- the packed index ---------- */

const QUERIES: [string[], boolean][] = [
  [['zep'], true],
  [['zeppelin'], false],
  [['budget', 'wor'], true],
  [['secret'], false],
  [['a'], true],
];

function sample(): WordIndex {
  const index = new WordIndex();
  const words = ['zeppelin', 'zephyr', 'budget', 'worries', 'work', 'airship', 'secret', 'apple'];
  index.putMany(
    Array.from({ length: 300 }, (_, i) => {
      const isPrivate = i % 3 === 0;
      const doc: IndexedDoc = {
        key: `notes:n${i}`,
        table: i % 5 === 0 ? 'goals' : 'notes',
        recordId: `n${i}`,
        pairId: `p${i % 4}`,
        sessionId: i % 7 === 0 ? null : `s${i % 9}`,
        isPrivate,
      };
      if (i % 11 === 0) doc.text = `Shown text ${i}`;
      return { doc, words: words.filter((_, k) => (i + k) % 3 !== 0) };
    }),
  );
  return index;
}

const results = (index: WordIndex) =>
  QUERIES.map(([words, prefixLast]) => {
    const { total, best } = index.search({ words, prefixLast }, 40, (doc) =>
      Number(doc.sessionId?.slice(1) ?? 0),
    );
    return { total, best: best.map(({ doc, exact }) => ({ ...doc, exact })) };
  });

describe('the packed search index', () => {
  test('packed and read back, both databases answer every query as before, texts and all', () => {
    const index = sample();
    const copy = new WordIndex();
    copy.addPacked(index.pack(true), true);
    copy.addPacked(index.pack(false), false);
    expect(copy.size).toBe(index.size);
    expect(results(copy)).toEqual(results(index));
  });

  test('a packed index that does not hold together is refused, and nothing of it is added', () => {
    const packed = sample().pack(false);
    const broken = { ...packed, postings: packed.postings.map((p) => p + 10_000) };
    const index = new WordIndex();
    expect(() => index.addPacked(broken, false)).toThrow();
    expect(index.size).toBe(0);
  });
});

/* ---------- the snapshot and the change log ---------- */

function engineOf(dbs: SearchDbs): SearchEngine {
  return new SearchEngine({ open: () => dbs, saveDelayMs: null, indexFeedback });
}

let ids = 0;
async function ask(engine: SearchEngine, request: Record<string, unknown>) {
  const reply = await engine.handle({ ...request, id: ++ids });
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}

const load = (engine: SearchEngine, dbs: SearchDbs) =>
  ask(engine, { type: 'load', shared: dbs.db.name, private: dbs.privateDb.name });

/** What a search shows of each hit, best first. */
async function found(engine: SearchEngine, query: string): Promise<string[]> {
  const words = query.trim().split(/\s+/);
  const reply = await ask(engine, {
    type: 'find',
    words,
    prefixLast: !query.endsWith(' '),
    limit: 50,
  });
  return (reply.found?.best ?? []).map(
    (doc: FoundDoc) => `${doc.isPrivate ? 'private ' : ''}${doc.key} ${doc.pairTitle}`,
  );
}

const QUERY_LIST = ['zepp', 'airship ', 'budget', 'kept', 'draft', 'note'];

async function everything(engine: SearchEngine) {
  return Object.fromEntries(
    await Promise.all(QUERY_LIST.map(async (q) => [q, await found(engine, q)] as const)),
  );
}

describe('the search snapshot', () => {
  test('a panel opened after notes were added, edited and deleted finds what a full rebuild finds', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Snapshot' }));
    const session = await ensurePlannedSession(store, pair.id);
    const kept = await addNote(store, session, 'shared', 'A kept note about zeppelins');
    const edited = await addNote(store, session, 'shared', 'First draft about budget');
    const gone = await addNote(store, session, 'private', 'Private note about airship worries');
    const first = engineOf(store);
    await load(first, store);
    await ask(first, { type: 'save' });
    expect((await store.db.searchSnapshot.get('index'))?.watermark).toBeGreaterThan(0);
    expect(await store.db.searchLog.count()).toBe(0);

    // Changes while no panel is open: the snapshot is older than these.
    await addNote(store, session, 'shared', 'A new note typed moments ago: airship budget');
    await saveNoteBody(store, edited.id, 'shared', 'Second draft about zeppelin budget');
    await deleteNote(store, gone.id, 'private');
    await addNote(store, session, 'private', 'A private draft');
    expect(await store.db.searchLog.count()).toBeGreaterThan(0);

    const fromSnapshot = engineOf(store);
    await load(fromSnapshot, store);
    // The same databases with no snapshot: every row read.
    await store.db.searchSnapshot.clear();
    await store.privateDb.searchSnapshot.clear();
    const rebuilt = engineOf(store);
    await load(rebuilt, store);
    const expected = await everything(rebuilt);
    expect(await everything(fromSnapshot)).toEqual(expected);
    expect(expected.zepp).toEqual([`notes:${kept.id} Snapshot`, `notes:${edited.id} Snapshot`]);
    expect(expected['airship ']).toHaveLength(1);
    expect(expected.draft).toEqual([
      `notes:${edited.id} Snapshot`,
      expect.stringMatching(/^private /),
    ]);
  });

  test('an open panel follows the log, also after another panel saved a newer snapshot and dropped it', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Two panels' }));
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'shared', 'Zeppelin plans');
    const open = engineOf(store);
    await load(open, store);
    expect(await found(open, 'zepp')).toHaveLength(1);

    // Another panel, its own connections: it loads, sees a change and saves, dropping the log.
    const other = {
      db: openSharedDb(store.db.name),
      privateDb: openPrivateDb(store.privateDb.name),
    };
    const second = engineOf(other);
    await load(second, other);
    await saveNoteBody(store, note.id, 'shared', 'Airship plans instead');
    await ask(second, {
      type: 'refresh',
      shared: true,
      private: false,
      feedback: null,
      pairs: null,
      sessions: null,
    });
    await ask(second, { type: 'save' });
    expect(await store.db.searchLog.count()).toBe(0);
    await addNote(store, session, 'shared', 'Another zeppelin');

    // The first panel is told the shared index changed: it still ends up right.
    await ask(open, {
      type: 'refresh',
      shared: true,
      private: false,
      feedback: null,
      pairs: null,
      sessions: null,
    });
    expect(await found(open, 'airsh')).toEqual([`notes:${note.id} Two panels`]);
    expect(await found(open, 'zepp')).toHaveLength(1);
    expect(await found(open, 'zepp')).not.toContain(`notes:${note.id} Two panels`);
    other.db.close();
    other.privateDb.close();
  });

  test('a cleared index (a backup import) is read whole again, not patched from the snapshot', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Cleared' }));
    const session = await ensurePlannedSession(store, pair.id);
    await addNote(store, session, 'shared', 'Zeppelin plans');
    const first = engineOf(store);
    await load(first, store);
    await ask(first, { type: 'save' });
    await store.db.searchIndex.clear();
    expect((await store.db.searchLog.toArray()).map((entry) => entry.key)).toEqual(['*']);
    const next = engineOf(store);
    await load(next, store);
    expect(await found(next, 'zepp')).toEqual([]);
  });

  test('a malformed request is refused with an error, not run', async () => {
    const store = makeStore();
    const reply = await engineOf(store).handle({ id: 1, type: 'find', words: 'zeppelin' });
    expect(reply).toEqual({ id: 1, ok: false, error: 'A malformed search request' });
  });
});
