import type { Dexie, EntityTable } from 'dexie';
import type { PrivateDb, SharedDb } from '../data/db';
import type { SearchEntry, SearchLogEntry, SearchSnapshot } from '../schema/local';
import { ALL_KEYS } from './search-log';
import {
  type Ahead,
  type Found,
  type FoundDoc,
  type Keys,
  type SearchReply,
  type SearchRequest,
  searchRequest,
} from './search-protocol';
import { type IndexedDoc, type PackedIndex, WordIndex } from './word-index';

/*
 * The search index where it is built and searched: in the panel's search worker
 * (entrypoints/search-worker.ts), off the page, so loading it never holds the page; in unit
 * tests, in the test itself. Per database (shared, private) it loads the packed snapshot the
 * last panel saved (`searchSnapshot`), then reads only the rows the change log (`searchLog`,
 * utils/search/search-log.ts) names after the snapshot's watermark — what this browser's sync,
 * other pages or an import wrote meanwhile; no snapshot, a broken one or a cleared index: every
 * row, once. While the panel is open it follows the log the same way whenever the panel says a
 * database changed, and saves the snapshot again a moment after. Stale results would be a
 * defect: the log is written in the same transaction as each index write, so nothing changes
 * the index without the log saying so.
 */

/** The packed format a snapshot is written in; another one is read again from the rows. */
export const SNAPSHOT_FORMAT = 1;

/** What a request answers besides the stats. */
type Answer = Pick<SearchReply & { ok: true }, 'found' | 'ahead'>;

export interface SearchDbs {
  db: SharedDb;
  privateDb: PrivateDb;
}

/** What both databases have for search. */
type IndexDb = Dexie & {
  searchIndex: EntityTable<SearchEntry, 'id'>;
  searchLog: EntityTable<SearchLogEntry, 'seq'>;
  searchSnapshot: EntityTable<SearchSnapshot, 'id'>;
};

interface Source {
  isPrivate: boolean;
  db: IndexDb;
  /** The log seq the index of this database reflects (at least). */
  watermark: number;
  /** The watermark of the snapshot last saved or loaded; -1: read whole, not saved yet. */
  saved: number;
  /** A save of this database is under way. */
  saving: boolean;
}

export interface EngineOptions {
  /** The databases, by name (the worker opens its own connections). */
  open: (names: { shared: string; private: string }) => SearchDbs;
  /** Save the snapshots this long after a change; null: only when asked ('save'). */
  saveDelayMs: number | null;
  /** Opened feedback into the private index (utils/search/feedback-index.ts). */
  indexFeedback?: (dbs: SearchDbs, ids: Keys) => Promise<string[]>;
}

function docOf(row: SearchEntry, isPrivate: boolean): IndexedDoc {
  const doc: IndexedDoc = {
    key: row.id,
    table: row.table,
    recordId: row.recordId,
    pairId: row.pairId,
    sessionId: row.sessionId,
    isPrivate,
  };
  if (row.text !== undefined) doc.text = row.text;
  return doc;
}

export class SearchEngine {
  private index = new WordIndex();
  private readonly pairs = new Map<string, { title: string; deleted: boolean }>();
  private readonly sessions = new Map<string, { at: string; ms: number }>();
  private dbs: SearchDbs | null = null;
  private names = '';
  private sources: Source[] = [];
  /** One request at a time, in order: a search never sees half an update. */
  private queue: Promise<unknown> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private loaded: { ms: number; shared: 'snapshot' | 'rows'; private: 'snapshot' | 'rows' } | null =
    null;

  constructor(private readonly options: EngineOptions) {}

  /** Parses a request, runs it after the ones before, and answers (never throws). */
  handle(message: unknown): Promise<SearchReply> {
    const parsed = searchRequest.safeParse(message);
    const id =
      typeof message === 'object' && message !== null && 'id' in message
        ? Number((message as { id: unknown }).id)
        : -1;
    if (!parsed.success) {
      return Promise.resolve({ id, ok: false, error: 'A malformed search request' });
    }
    const request = parsed.data;
    let reply: Promise<Answer>;
    if (request.type === 'save') {
      // Packs in turn with the requests (saveAll queues it), answered once written.
      reply = this.saveAll().then(() => ({}));
    } else {
      reply = this.queue.then(() => this.run(request));
      this.queue = reply.catch(() => {});
    }
    return reply.then(
      (answer): SearchReply => ({
        id: request.id,
        ok: true,
        stats: {
          records: this.index.size,
          words: this.index.words,
          ...(this.loaded ? { loaded: this.loaded } : {}),
        },
        ...answer,
      }),
      (error: unknown): SearchReply => ({
        id: request.id,
        ok: false,
        error: error instanceof Error && error.message ? error.message : String(error),
      }),
    );
  }

  private async run(request: SearchRequest): Promise<Answer> {
    switch (request.type) {
      case 'load':
        await this.load(request.shared, request.private);
        return {};
      case 'refresh':
        await this.refresh(request);
        return {};
      case 'find':
        return { found: this.find(request.words, request.prefixLast, request.limit) };
      case 'ahead':
        return { ahead: this.ahead(request.words, request.prefixLast, request.limit) };
      case 'save':
        return {}; // handled in handle()
    }
  }

  /**
   * Each query one keystroke can make of this one, with its best matches: the word being
   * typed whole (a space), or longer by each character that follows it in the vocabulary; after
   * a space, a new word of each first character. Keystrokes that reach no word of the index
   * (or fold to the same query) are not here: the panel asks for those.
   */
  private ahead(words: string[], prefixLast: boolean, limit: number): Ahead[] {
    const last = words.at(-1);
    // The query itself too: a keystroke that adds no letter (a comma) asks it again.
    const queries: { words: string[]; prefixLast: boolean }[] = [{ words, prefixLast }];
    if (prefixLast && last !== undefined) {
      queries.push({ words, prefixLast: false });
      const before = words.slice(0, -1);
      for (const char of this.index.nextChars(last)) {
        queries.push({ words: [...before, last + char], prefixLast: true });
      }
    } else {
      for (const char of this.index.nextChars('')) {
        if (!words.includes(char)) queries.push({ words: [...words, char], prefixLast: true });
      }
    }
    return queries.map((query) => ({
      ...query,
      found: this.find(query.words, query.prefixLast, limit),
    }));
  }

  private requireDbs(): SearchDbs {
    if (!this.dbs) throw new Error('The search index is not loaded');
    return this.dbs;
  }

  private async load(shared: string, privateName: string): Promise<void> {
    const names = `${shared}\n${privateName}`;
    if (!this.dbs || this.names !== names) {
      this.dbs = this.options.open({ shared, private: privateName });
      this.names = names;
    }
    const dbs = this.dbs;
    this.index = new WordIndex();
    this.sources = [
      { isPrivate: false, db: dbs.db, watermark: 0, saved: -1, saving: false },
      { isPrivate: true, db: dbs.privateDb, watermark: 0, saved: -1, saving: false },
    ];
    const [sharedSource, privateSource] = this.sources as [Source, Source];
    const started = performance.now();
    await Promise.all([
      this.loadSource(sharedSource),
      // Feedback opened since (sync merges it in the background) goes into the private index
      // while its snapshot loads; the log then names what it changed.
      Promise.all([this.indexFeedback('all'), this.loadSource(privateSource)]).then(() =>
        this.catchUp(privateSource),
      ),
      this.loadPairs('all'),
      this.loadSessions('all'),
    ]);
    // A database read whole has not been saved yet (saved -1).
    const from = (source: Source) => (source.saved === -1 ? 'rows' : 'snapshot');
    this.loaded = {
      ms: performance.now() - started,
      shared: from(sharedSource),
      private: from(privateSource),
    };
    this.scheduleSave();
  }

  private async refresh(request: Extract<SearchRequest, { type: 'refresh' }>): Promise<void> {
    if (this.sources.length === 0) throw new Error('The search index is not loaded');
    const [sharedSource, privateSource] = this.sources as [Source, Source];
    const feedback = request.feedback;
    await Promise.all([
      request.shared ? this.catchUp(sharedSource) : null,
      feedback
        ? this.indexFeedback(feedback).then(() => this.catchUp(privateSource))
        : request.private
          ? this.catchUp(privateSource)
          : null,
      request.pairs ? this.loadPairs(request.pairs) : null,
      request.sessions ? this.loadSessions(request.sessions) : null,
    ]);
    this.scheduleSave();
  }

  private find(words: string[], prefixLast: boolean, limit: number): Found {
    const { total, best } = this.index.search({ words, prefixLast }, limit, (doc) =>
      doc.sessionId ? (this.sessions.get(doc.sessionId)?.ms ?? 0) : 0,
    );
    return {
      total,
      best: best.map(({ doc, exact }): FoundDoc => {
        const pair = this.pairs.get(doc.pairId);
        return {
          ...doc,
          exact,
          pairTitle: pair && !pair.deleted ? pair.title : null,
          when: doc.sessionId ? (this.sessions.get(doc.sessionId)?.at ?? '') : '',
        };
      }),
    };
  }

  /** Opened feedback answers into the private index; search works on without them. */
  private async indexFeedback(ids: Keys): Promise<void> {
    if (!this.options.indexFeedback) return;
    try {
      await this.options.indexFeedback(this.requireDbs(), ids);
    } catch {
      // As before: feedback that cannot be opened now is simply not found.
    }
  }

  /** A database's index from its snapshot and the log after it, or from its rows. */
  private async loadSource(source: Source, tries = 0): Promise<void> {
    const snapshot = await source.db.searchSnapshot.get('index');
    if (
      !snapshot ||
      snapshot.format !== SNAPSHOT_FORMAT ||
      snapshot.docs === undefined ||
      snapshot.vocabulary === undefined ||
      !snapshot.offsets ||
      !snapshot.postings
    ) {
      return this.rebuild(source);
    }
    this.index.clear(source.isPrivate);
    try {
      this.index.addPacked(
        {
          docs: snapshot.docs,
          vocabulary: snapshot.vocabulary,
          offsets: snapshot.offsets,
          postings: snapshot.postings,
        },
        source.isPrivate,
      );
    } catch {
      return this.rebuild(source);
    }
    source.watermark = snapshot.watermark;
    source.saved = snapshot.watermark;
    await this.catchUp(source, tries + 1);
  }

  /** Every row of a database's index, read in one transaction with the log's position. */
  private async rebuild(source: Source): Promise<void> {
    const { db } = source;
    const { rows, watermark } = await db.transaction(
      'r',
      [db.searchIndex, db.searchLog, db.searchSnapshot],
      async () => {
        const [last, pruned, rows] = await Promise.all([
          db.searchLog.orderBy(':id').last(),
          db.searchSnapshot.get('pruned'),
          db.searchIndex.toArray(),
        ]);
        return { rows, watermark: Math.max(last?.seq ?? 0, pruned?.watermark ?? 0) };
      },
    );
    this.index.clear(source.isPrivate);
    this.index.putMany(
      rows.map((row) => ({ doc: docOf(row, source.isPrivate), words: row.words })),
    );
    source.watermark = watermark;
    source.saved = -1;
  }

  /** The rows the log names after the index's watermark, read again. */
  private async catchUp(source: Source, tries = 0): Promise<void> {
    const { db } = source;
    const { pruned, entries } = await db.transaction(
      'r',
      [db.searchLog, db.searchSnapshot],
      async () => ({
        pruned: (await db.searchSnapshot.get('pruned'))?.watermark ?? 0,
        entries: await db.searchLog.where(':id').above(source.watermark).toArray(),
      }),
    );
    // Another panel saved a newer snapshot and dropped the log this index still needed.
    if (pruned > source.watermark) {
      return tries < 2 ? this.loadSource(source, tries + 1) : this.rebuild(source);
    }
    if (entries.length === 0) return;
    const keys = [...new Set(entries.map((entry) => entry.key))];
    const watermark = Math.max(...entries.map((entry) => entry.seq ?? 0));
    if (keys.includes(ALL_KEYS)) return this.rebuild(source);
    const rows = await db.searchIndex.bulkGet(keys);
    const found: { doc: IndexedDoc; words: string[] }[] = [];
    keys.forEach((key, i) => {
      const row = rows[i];
      if (row) found.push({ doc: docOf(row, source.isPrivate), words: row.words });
      else this.index.remove(source.isPrivate, key);
    });
    this.index.putMany(found);
    source.watermark = Math.max(source.watermark, watermark);
  }

  /**
   * Saves the snapshots a moment after a change: at once after a database was read whole (the
   * next panel should not read it whole again), later after small changes, in one go.
   */
  private scheduleSave(): void {
    const delay = this.options.saveDelayMs;
    if (delay === null || this.saveTimer !== null) return;
    const unsaved = this.sources.some((source) => source.saved === -1);
    this.saveTimer = setTimeout(
      () => {
        this.saveTimer = null;
        void this.saveAll();
      },
      unsaved ? 0 : delay,
    );
  }

  /** Packs in turn with the requests (a consistent index), writes beside them (searches go on). */
  private async saveAll(): Promise<void> {
    const packing = this.queue.then(() =>
      this.sources
        .filter((source) => source.saved !== source.watermark && !source.saving)
        .map((source) => {
          source.saving = true;
          return { source, watermark: source.watermark, packed: this.index.pack(source.isPrivate) };
        }),
    );
    this.queue = packing.catch(() => {});
    const packs = await packing.catch(() => []);
    await Promise.all(
      packs.map(async ({ source, watermark, packed }) => {
        try {
          await this.save(source.db, watermark, packed);
          source.saved = Math.max(source.saved, watermark);
        } catch {
          // Not saved (the database closed, the disk full): the next panel reads log or rows.
        } finally {
          source.saving = false;
        }
      }),
    );
  }

  /**
   * The index of one database as its snapshot (unless a newer one is there), and the log up to
   * it dropped; a panel still holding an older index sees the 'pruned' mark and loads this
   * snapshot.
   */
  private async save(db: IndexDb, watermark: number, packed: PackedIndex): Promise<void> {
    await db.transaction('rw', [db.searchSnapshot, db.searchLog], async () => {
      const stored = await db.searchSnapshot.get('index');
      if (stored && stored.format === SNAPSHOT_FORMAT && stored.watermark >= watermark) return;
      await db.searchSnapshot.put({ id: 'index', format: SNAPSHOT_FORMAT, watermark, ...packed });
      const pruned = (await db.searchSnapshot.get('pruned'))?.watermark ?? 0;
      if (watermark > pruned) {
        await db.searchSnapshot.put({ id: 'pruned', watermark });
        await db.searchLog.where(':id').belowOrEqual(watermark).delete();
      }
    });
  }

  private async loadPairs(keys: Keys): Promise<void> {
    const { db } = this.requireDbs();
    const pairs =
      keys === 'all'
        ? await db.pairs.toArray()
        : (await db.pairs.bulkGet(keys)).map((pair, i) => pair ?? (keys[i] as string));
    if (keys === 'all') this.pairs.clear();
    for (const pair of pairs) {
      if (typeof pair === 'string') this.pairs.delete(pair);
      else this.pairs.set(pair.id, { title: pair.title, deleted: pair.deleted });
    }
  }

  private async loadSessions(keys: Keys): Promise<void> {
    const { db } = this.requireDbs();
    const sessions =
      keys === 'all'
        ? await db.sessions.toArray()
        : (await db.sessions.bulkGet(keys)).map((session, i) => session ?? (keys[i] as string));
    if (keys === 'all') this.sessions.clear();
    for (const session of sessions) {
      if (typeof session === 'string') this.sessions.delete(session);
      else {
        const ms = Date.parse(session.scheduledAt);
        this.sessions.set(session.id, { at: session.scheduledAt, ms: Number.isNaN(ms) ? 0 : ms });
      }
    }
  }

  /** Stops saving (the page closed the search). */
  dispose(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }
}
