import Dexie, { cmp, type IntervalTree, type ObservabilitySet, RangeSet } from 'dexie';
import type { PrivateDb, SharedDb } from '../data/db';
import type { SearchEntry } from '../schema/local';
import { searchedTables, searchedText, wordsOf } from './search-index';
import { type IndexedDoc, type RankedDoc, WordIndex } from './word-index';

/**
 * Search over the word index (utils/search/search-index.ts): every query word must be a word of the
 * record; the last word counts as a prefix while it is being typed. Ranking and highlighting
 * are plain functions.
 */
export interface ParsedQuery {
  words: string[];
  /** The last word is still being typed: match it as a prefix. */
  prefixLast: boolean;
}

export function parseQuery(query: string): ParsedQuery {
  const words = wordsOf(query);
  return { words, prefixLast: words.length > 0 && !/\s$/.test(query) };
}

export interface Segment {
  text: string;
  match: boolean;
}

/**
 * Split text into plain and matched segments, for showing matches with <mark> — the segments
 * are rendered as text nodes, never as HTML. Matching ignores case and accents, like search:
 * a query word matches the start of a word in the text.
 */
export function highlight(text: string, words: readonly string[]): Segment[] {
  if (words.length === 0 || !text) return text ? [{ text, match: false }] : [];
  const { folded, origin } = fold(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(word, from);
      if (at < 0) break;
      if (startsWord(folded, at)) {
        const start = origin(at);
        const end = origin(at + word.length);
        for (let i = start; i < end; i += 1) marked[i] = true;
      }
      from = at + 1;
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const match = marked[i] ?? false;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text[i];
    else segments.push({ text: text[i] ?? '', match });
  }
  return segments;
}

/**
 * Text folded as wordsOf folds it (no accents, lower case), with where each folded character
 * came from in the text. Plain ASCII folds to itself in lower case, character for character:
 * the common case, and much cheaper.
 */
function fold(text: string): { folded: string; origin: (at: number) => number } {
  let ascii = true;
  for (let i = 0; ascii && i < text.length; i += 1) ascii = text.charCodeAt(i) < 0x80;
  if (ascii) return { folded: text.toLowerCase(), origin: (at) => at };
  const origin: number[] = [];
  const parts: string[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      // ASCII among other text: no need to decompose it.
      parts.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : (text[i] as string));
      origin.push(i);
      i += 1;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const f = char
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    for (let k = 0; k < f.length; k += 1) origin.push(i);
    parts.push(f);
    i += char.length;
  }
  origin.push(text.length);
  const folded = parts.join('');
  return { folded, origin: (at) => origin[at] ?? text.length };
}

function startsWord(folded: string, at: number): boolean {
  return at === 0 || !/[\p{L}\p{N}]/u.test(folded[at - 1] ?? '');
}

/**
 * A window of text around the first word that matches (at a word start, as highlight marks
 * it), so a long note shows where it matched.
 */
export function snippet(text: string, words: readonly string[], radius = 80): string {
  if (text.length <= radius * 2) return text;
  const { folded, origin } = fold(text);
  let first = folded.length;
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0 && at < first; at = folded.indexOf(word, at + 1)) {
      if (startsWord(folded, at)) {
        first = at;
        break;
      }
    }
  }
  const at = origin(first);
  if (at >= text.length || at < radius) return `${text.slice(0, radius * 2)}…`;
  const start = at - radius;
  const end = start + radius * 2;
  return `…${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** One record that matched, with the text to show. */
export interface SearchHit {
  table: string;
  recordId: string;
  /** Where it matched: the whole text, or a window of it around the first match (snippet). */
  text: string;
  private: boolean;
}

export interface SearchGroup {
  pairId: string;
  /** null: the pair was deleted. */
  pairTitle: string | null;
  sessions: { sessionId: string | null; when: string; hits: SearchHit[] }[];
}

export interface SearchDbs {
  db: SharedDb;
  privateDb: PrivateDb;
}

/** What a search found: the best records grouped for showing, and how many matched in all. */
export interface SearchResult {
  groups: SearchGroup[];
  total: number;
}

/** Index rows read per transaction while loading, so the page stays responsive. */
const LOAD_CHUNK = 250;
/** Record texts kept between keystrokes (typing a word shows mostly the same records). */
const TEXT_CACHE = 1000;
/** …and at most this many characters of them. */
const TEXT_CACHE_CHARS = 2_000_000;

type Keys = string[] | 'all';

/** The keys a Dexie mutation touched, or 'all' when it was a range (a clear, a bulk write). */
function keysOf(tree: IntervalTree | undefined): Keys | null {
  if (!tree) return null;
  const keys: string[] = [];
  for (const node of new RangeSet().add(tree)) {
    if (typeof node.from !== 'string' || cmp(node.from, node.to) !== 0) return 'all';
    keys.push(node.from);
  }
  return keys;
}

interface CachedText {
  text: string;
  deleted: boolean;
}

/**
 * Search over both databases' word index, held in memory (utils/search/word-index.ts) and kept up to
 * date from Dexie's `storagemutated` event — which also carries the writes of other panels,
 * the options page and the background (sync) — so a keystroke costs no index read. Pair titles
 * and session dates are held too (for grouping and for ranking newer records first), and the
 * texts of recently shown records. Every database change re-reads only the rows it touched.
 */
export class LiveSearch {
  private readonly index = new WordIndex();
  private readonly pairs = new Map<string, { title: string; deleted: boolean }>();
  /** Session id → its date as kept and as epoch ms (for ranking). */
  private readonly sessions = new Map<string, { at: string; ms: number }>();
  private readonly texts = new Map<string, CachedText>();
  private textChars = 0;
  /** Bumped whenever cached texts may be stale: a read started before does not fill the cache. */
  private textsEpoch = 0;
  private work: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly sources: { name: string; isPrivate: boolean }[];

  constructor(private readonly dbs: SearchDbs) {
    this.sources = [
      { name: dbs.db.name, isPrivate: false },
      { name: dbs.privateDb.name, isPrivate: true },
    ];
  }

  /** Loads the index (once); later calls wait for any refresh in progress. */
  ready(): Promise<void> {
    if (!this.work) {
      Dexie.on('storagemutated', this.onMutated);
      const loading = this.loadAll().catch((error: unknown) => {
        // Not loaded: the next search tries again from the start.
        if (this.work === loading) this.stopFollowing();
        throw error;
      });
      this.work = loading;
    }
    return this.work;
  }

  /** Start loading the index (the user is about to search); a failure shows on the search. */
  warm(): void {
    this.ready().catch(() => {});
  }

  /** Stop following the databases (the index is loaded again on the next search). */
  dispose(): void {
    this.stopFollowing();
    this.index.clear(false);
    this.index.clear(true);
    this.texts.clear();
    this.textChars = 0;
  }

  private stopFollowing(): void {
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
    this.work = null;
  }

  /** Called after the index or the shown texts changed, so shown results can be searched again. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get stats(): { records: number; words: number } {
    return { records: this.index.size, words: this.index.words };
  }

  /** The best `limit` matches for a query and how many there are, from memory. */
  async find(query: string, limit = 50): Promise<{ total: number; best: RankedDoc[] }> {
    const parsed = parseQuery(query);
    if (parsed.words.length === 0) return { total: 0, best: [] };
    await this.ready();
    return this.index.search(parsed, limit, (doc) =>
      doc.sessionId ? (this.sessions.get(doc.sessionId)?.ms ?? 0) : 0,
    );
  }

  /** Matches as results to show: their texts (from the cache or one bulkGet per table). */
  async group(best: readonly RankedDoc[], words: readonly string[]): Promise<SearchGroup[]> {
    const texts = await this.textsOf(best.map((m) => m.doc));
    const groups = new Map<string, SearchGroup>();
    best.forEach(({ doc }, i) => {
      const record = texts[i];
      if (!record || record.deleted) return;
      let group = groups.get(doc.pairId);
      if (!group) {
        const pair = this.pairs.get(doc.pairId);
        group = {
          pairId: doc.pairId,
          pairTitle: pair && !pair.deleted ? pair.title : null,
          sessions: [],
        };
        groups.set(doc.pairId, group);
      }
      const sessionKey = doc.sessionId ?? '';
      let bucket = group.sessions.find((s) => (s.sessionId ?? '') === sessionKey);
      if (!bucket) {
        bucket = {
          sessionId: doc.sessionId,
          when: doc.sessionId ? (this.sessions.get(doc.sessionId)?.at ?? '') : '',
          hits: [],
        };
        group.sessions.push(bucket);
      }
      bucket.hits.push({
        table: doc.table,
        recordId: doc.recordId,
        text: snippet(record.text, words),
        private: doc.isPrivate,
      });
    });
    return [...groups.values()];
  }

  async search(query: string, limit = 50): Promise<SearchResult> {
    const { total, best } = await this.find(query, limit);
    return { groups: await this.group(best, parseQuery(query).words), total };
  }

  private textKey(doc: IndexedDoc): string {
    return `${doc.isPrivate ? 1 : 0}|${doc.table}|${doc.recordId}`;
  }

  private async textsOf(docs: readonly IndexedDoc[]): Promise<(CachedText | undefined)[]> {
    const result: (CachedText | undefined)[] = docs.map((doc) =>
      doc.text === undefined
        ? this.texts.get(this.textKey(doc))
        : { text: doc.text, deleted: false },
    );
    const missing = new Map<
      string,
      { source: Dexie; table: string; ids: string[]; at: number[] }
    >();
    docs.forEach((doc, i) => {
      if (result[i]) return;
      const group = `${doc.isPrivate ? 1 : 0}|${doc.table}`;
      let load = missing.get(group);
      if (!load) {
        load = {
          source: doc.isPrivate ? this.dbs.privateDb : this.dbs.db,
          table: doc.table,
          ids: [],
          at: [],
        };
        missing.set(group, load);
      }
      load.ids.push(doc.recordId);
      load.at.push(i);
    });
    if (missing.size === 0) return result;
    const epoch = this.textsEpoch;
    await Promise.all(
      [...missing.values()].map(async ({ source, table, ids, at }) => {
        const rows: (Record<string, unknown> | undefined)[] = await source
          .table(table)
          .bulkGet(ids);
        rows.forEach((row, k) => {
          const i = at[k] as number;
          const doc = docs[i] as IndexedDoc;
          const text: CachedText | undefined = row
            ? { text: searchedText(table, row, ' — '), deleted: Boolean(row.deleted) }
            : undefined;
          result[i] = text;
          if (text && epoch === this.textsEpoch) this.remember(this.textKey(doc), text);
        });
      }),
    );
    return result;
  }

  private remember(key: string, text: CachedText): void {
    this.forget(key);
    this.texts.set(key, text);
    this.textChars += text.text.length;
    // Oldest first, while too many or too long (a note may hold 200,000 characters).
    while (this.texts.size > TEXT_CACHE || this.textChars > TEXT_CACHE_CHARS) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined || oldest === key) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    const text = this.texts.get(key);
    if (!text) return;
    this.texts.delete(key);
    this.textChars -= text.text.length;
  }

  private async loadAll(): Promise<void> {
    await Promise.all([
      this.loadIndex(false, 'all'),
      this.indexFeedback('all').then(() => this.loadIndex(true, 'all')),
      this.loadPairs('all'),
      this.loadSessions('all'),
    ]);
  }

  /**
   * Opened feedback answers into the private index (utils/search/feedback-index.ts, loaded only
   * when search is): the background's sync merges and reveals them without the private database.
   */
  private async indexFeedback(ids: Keys): Promise<string[]> {
    try {
      return await (await import('./feedback-index')).indexFeedback(this.dbs, ids);
    } catch {
      return []; // search works on without them
    }
  }

  private async loadIndex(isPrivate: boolean, keys: Keys): Promise<void> {
    const table = (isPrivate ? this.dbs.privateDb : this.dbs.db).searchIndex;
    const add = (row: SearchEntry) =>
      this.index.put(
        {
          key: row.id,
          table: row.table,
          recordId: row.recordId,
          pairId: row.pairId,
          sessionId: row.sessionId,
          isPrivate,
          text: row.text,
        },
        row.words,
      );
    if (keys !== 'all') {
      const rows = await table.bulkGet(keys);
      keys.forEach((key, i) => {
        const row = rows[i];
        if (row) add(row);
        else this.index.remove(isPrivate, key);
      });
      return;
    }
    // In small chunks by primary key, each added as it comes: one long read would hold the
    // page for a large database (searches wait for the whole load, so none sees half of it).
    this.index.clear(isPrivate);
    let after: string | undefined;
    for (;;) {
      const chunk =
        after === undefined
          ? await table.orderBy(':id').limit(LOAD_CHUNK).toArray()
          : await table.where(':id').above(after).limit(LOAD_CHUNK).toArray();
      for (const row of chunk) add(row);
      if (chunk.length < LOAD_CHUNK) break;
      after = chunk.at(-1)?.id;
    }
  }

  private async loadPairs(keys: Keys): Promise<void> {
    const pairs =
      keys === 'all'
        ? await this.dbs.db.pairs.toArray()
        : (await this.dbs.db.pairs.bulkGet(keys)).map((pair, i) => pair ?? (keys[i] as string));
    if (keys === 'all') this.pairs.clear();
    for (const pair of pairs) {
      if (typeof pair === 'string') this.pairs.delete(pair);
      else this.pairs.set(pair.id, { title: pair.title, deleted: pair.deleted });
    }
  }

  private async loadSessions(keys: Keys): Promise<void> {
    const sessions =
      keys === 'all'
        ? await this.dbs.db.sessions.toArray()
        : (await this.dbs.db.sessions.bulkGet(keys)).map(
            (session, i) => session ?? (keys[i] as string),
          );
    if (keys === 'all') this.sessions.clear();
    for (const session of sessions) {
      if (typeof session === 'string') this.sessions.delete(session);
      else {
        const ms = Date.parse(session.scheduledAt);
        this.sessions.set(session.id, {
          at: session.scheduledAt,
          ms: Number.isNaN(ms) ? 0 : ms,
        });
      }
    }
  }

  /** Dexie's report of committed writes, here and in every other page of the extension. */
  private readonly onMutated = (parts: ObservabilitySet): void => {
    if (!this.work) return;
    const refreshes: (() => Promise<void>)[] = [];
    let textsChanged = false;
    for (const { name, isPrivate } of this.sources) {
      const indexKeys = keysOf(parts[`idb://${name}/searchIndex/`]);
      if (indexKeys) refreshes.push(() => this.loadIndex(isPrivate, indexKeys));
      for (const table of searchedTables) {
        const keys = keysOf(parts[`idb://${name}/${table}/`]);
        if (!keys) continue;
        textsChanged = true;
        if (keys === 'all') {
          for (const key of [...this.texts.keys()])
            if (key.startsWith(`${isPrivate ? 1 : 0}|${table}|`)) this.forget(key);
        } else {
          for (const id of keys) this.forget(`${isPrivate ? 1 : 0}|${table}|${id}`);
        }
      }
      if (!isPrivate) {
        const feedbackKeys = keysOf(parts[`idb://${name}/feedback/`]);
        const keyRows = keysOf(parts[`idb://${name}/feedbackKeys/`]);
        if (feedbackKeys || keyRows) {
          const ids =
            feedbackKeys === 'all' || keyRows === 'all'
              ? 'all'
              : [...(feedbackKeys ?? []), ...(keyRows ?? [])];
          refreshes.push(async () => {
            const changed = await this.indexFeedback(ids);
            if (changed.length > 0) await this.loadIndex(true, changed);
          });
        }
        const pairKeys = keysOf(parts[`idb://${name}/pairs/`]);
        if (pairKeys) refreshes.push(() => this.loadPairs(pairKeys));
        const sessionKeys = keysOf(parts[`idb://${name}/sessions/`]);
        if (sessionKeys) refreshes.push(() => this.loadSessions(sessionKeys));
      }
    }
    if (textsChanged) this.textsEpoch += 1;
    if (refreshes.length === 0 && !textsChanged) return;
    // After whatever is in progress, so a later change is never overwritten by an earlier read.
    const refreshed: Promise<void> = this.work
      .then(() => Promise.all(refreshes.map((refresh) => refresh())))
      .then(
        () => this.notify(),
        (error: unknown) => {
          // A failed refresh leaves the index unsure: load it whole on the next search.
          if (this.work === refreshed) this.stopFollowing();
          this.notify();
          throw error;
        },
      );
    this.work = refreshed;
    refreshed.catch(() => {});
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const live = new WeakMap<SharedDb, LiveSearch>();

/** The one LiveSearch of a store's databases. */
export function liveSearch(dbs: SearchDbs): LiveSearch {
  let search = live.get(dbs.db);
  if (!search) {
    search = new LiveSearch(dbs);
    live.set(dbs.db, search);
  }
  return search;
}

/**
 * Everything that matches a query, across all pairs, both databases: best first, at most
 * `limit` records, grouped by pair and session (pairs and sessions in order of their best hit).
 */
export async function runSearch(dbs: SearchDbs, query: string, limit = 50): Promise<SearchGroup[]> {
  return (await liveSearch(dbs).search(query, limit)).groups;
}
