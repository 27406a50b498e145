import Dexie, { cmp, type IntervalTree, type ObservabilitySet, RangeSet } from 'dexie';
import type { SharedDb } from '../data/db';
import type { SearchDbs } from './search-engine';
import { searchedTables, searchedText, wordsOf } from './search-index';
import {
  type Found,
  type FoundDoc,
  type Keys,
  type SearchReply,
  type SearchRequest,
  searchReply,
} from './search-protocol';
import { canUseWorker, takeSearchWorker } from './warm-search';

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
/** A parsed query as one string: equal for queries the engine answers the same. */
function queryKey({ words, prefixLast }: ParsedQuery): string {
  return `${prefixLast ? 1 : 0}${words.join(' ')}`;
}

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

export type { SearchDbs };

/** What a search found: the best records grouped for showing, and how many matched in all. */
export interface SearchResult {
  groups: SearchGroup[];
  total: number;
}

/** Record texts kept between keystrokes (typing a word shows mostly the same records). */
const TEXT_CACHE = 1000;
/** …and at most this many characters of them. */
const TEXT_CACHE_CHARS = 2_000_000;

/** Record texts read ahead of the next keystroke (LiveSearch.prefetch), at most. */
const PREFETCHED_TEXTS = 150;

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

/** Two lists of touched keys as one. */
function joinKeys(a: Keys | null, b: Keys | null): Keys | null {
  if (a === 'all' || b === 'all') return 'all';
  if (!a || !b) return a ?? b;
  return [...a, ...b];
}

interface CachedText {
  text: string;
  deleted: boolean;
}

type SearchStats = (SearchReply & { ok: true })['stats'];

/** Requests to the search engine and its replies, each reply parsed. */
interface SearchChannel {
  send(request: SearchRequestInput): Promise<SearchReply & { ok: true }>;
  close(): void;
  /** The engine is gone (its worker failed): a new channel is needed. */
  readonly broken: boolean;
}

/** A request without its id (the channel numbers them). */
type SearchRequestInput = SearchRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * The engine in a dedicated worker of the extension's own origin (private words never leave
 * the browser, nor this extension): the index is loaded and searched there, never on the page.
 */
function workerChannel(): SearchChannel {
  const worker = takeSearchWorker();
  const pending = new Map<number, { ok: (reply: SearchReply) => void; fail: (e: Error) => void }>();
  let next = 1;
  let broken: Error | null = null;
  const failAll = (error: Error) => {
    broken = error;
    for (const { fail } of pending.values()) fail(error);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent) => {
    const reply = searchReply.safeParse(event.data);
    if (!reply.success) return; // not an answer of the engine: ignored
    const waiting = pending.get(reply.data.id);
    pending.delete(reply.data.id);
    waiting?.ok(reply.data);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    failAll(new Error(event.message || 'The search worker failed'));
  };
  return {
    send(request) {
      if (broken) return Promise.reject(broken);
      const id = next++;
      return new Promise<SearchReply>((ok, fail) => {
        pending.set(id, { ok, fail });
        worker.postMessage({ ...request, id });
      }).then(okReply);
    },
    close() {
      worker.terminate();
      failAll(new Error('The search was closed'));
    },
    get broken() {
      return broken !== null;
    },
  };
}

/** The engine on this page's own connections, where there is no extension worker (unit tests). */
function inlineChannel(dbs: SearchDbs): SearchChannel {
  let next = 1;
  const engine = Promise.all([import('./search-engine'), import('./feedback-index')]).then(
    ([{ SearchEngine }, { indexFeedback }]) =>
      new SearchEngine({ open: () => dbs, saveDelayMs: null, indexFeedback }),
  );
  return {
    async send(request) {
      const reply = await (await engine).handle({ ...request, id: next++ });
      return okReply(searchReply.parse(reply));
    },
    close() {
      void engine.then((e) => e.dispose());
    },
    broken: false,
  };
}

function okReply(reply: SearchReply): SearchReply & { ok: true } {
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}

/**
 * Search over both databases' word index. The index is loaded and searched by the search engine
 * (utils/search/search-engine.ts) in a worker, from its saved snapshot and the change log, so
 * neither loading nor a keystroke's matching holds the page; this side follows Dexie's
 * `storagemutated` event — which also carries the writes of other panels, the options page and
 * the background (sync) — and tells the engine what changed, then shows the texts of the best
 * matches (kept for the next keystrokes, read with one bulkGet per table when missing).
 */
export class LiveSearch {
  private channel: SearchChannel | null = null;
  private indexed: SearchStats = { records: 0, words: 0 };
  private readonly texts = new Map<string, CachedText>();
  private textChars = 0;
  /** Bumped whenever cached texts may be stale: a read started before does not fill the cache. */
  private textsEpoch = 0;
  private work: Promise<void> | null = null;
  /**
   * The engine's answers for the queries one keystroke ahead of the last one shown (prefetch),
   * by queryKey, at most `limit` matches each; emptied by any change to the databases.
   */
  private ahead: { limit: number; found: Map<string, Found> } | null = null;
  /** Bumped by every change to the databases: answers asked for before are not kept. */
  private changes = 0;
  private readonly listeners = new Set<() => void>();
  private readonly sources: { name: string; isPrivate: boolean }[];

  constructor(
    private readonly dbs: SearchDbs,
    private readonly options: { worker?: boolean } = {},
  ) {
    this.sources = [
      { name: dbs.db.name, isPrivate: false },
      { name: dbs.privateDb.name, isPrivate: true },
    ];
  }

  private connect(): SearchChannel {
    if (!this.channel) {
      this.channel =
        (this.options.worker ?? canUseWorker()) ? workerChannel() : inlineChannel(this.dbs);
    }
    return this.channel;
  }

  private async send(request: SearchRequestInput): Promise<SearchReply & { ok: true }> {
    const channel = this.connect();
    try {
      const reply = await channel.send(request);
      this.indexed = reply.stats;
      return reply;
    } catch (error) {
      // The worker died (it failed, or the browser ended it): load again on the next search.
      if (channel.broken && this.channel === channel) this.stopFollowing(true);
      throw error;
    }
  }

  /** Loads the index (once); later calls wait for any refresh in progress. */
  ready(): Promise<void> {
    if (!this.work) {
      Dexie.on('storagemutated', this.onMutated);
      const loading = this.send({
        type: 'load',
        shared: this.dbs.db.name,
        private: this.dbs.privateDb.name,
      })
        .then(() => undefined)
        .catch((error: unknown) => {
          // Not loaded: the next search tries again from the start, with a new worker.
          if (this.work === loading) this.stopFollowing(true);
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

  /** Stop following the databases and close the worker (loaded again on the next search). */
  dispose(): void {
    this.stopFollowing(true);
    this.texts.clear();
    this.textChars = 0;
  }

  private stopFollowing(closeChannel: boolean): void {
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
    this.work = null;
    this.ahead = null;
    this.changes += 1;
    if (closeChannel) {
      this.channel?.close();
      this.channel = null;
    }
  }

  /** Called after the index or the shown texts changed, so shown results can be searched again. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get stats(): SearchStats {
    return this.indexed;
  }

  /** The best `limit` matches for a query and how many there are. */
  async find(query: string, limit = 50): Promise<{ total: number; best: FoundDoc[] }> {
    const parsed = parseQuery(query);
    if (parsed.words.length === 0) return { total: 0, best: [] };
    await this.ready();
    // Answered already, one keystroke ahead, on the index as it is now: no round trip to the
    // worker, so these results are painted in the keystroke's own frame.
    const known = this.ahead && limit <= this.ahead.limit && this.ahead.found.get(queryKey(parsed));
    if (known) return { total: known.total, best: known.best.slice(0, limit) };
    const reply = await this.send({ type: 'find', ...parsed, limit });
    return reply.found ?? { total: 0, best: [] };
  }

  /**
   * Asks the engine now for the best `limit` matches of every query the next keystroke can
   * make of `query`, and reads their texts, so that keystroke is answered on this page without
   * waiting for the worker (find). A change to the databases meanwhile drops the answers: they
   * would be stale.
   */
  async prefetch(query: string, limit: number): Promise<void> {
    const parsed = parseQuery(query);
    if (parsed.words.length === 0) return;
    await this.ready();
    const changes = this.changes;
    const reply = await this.send({ type: 'ahead', ...parsed, limit });
    if (changes !== this.changes || !reply.ahead) return;
    const found = new Map<string, Found>();
    for (const next of reply.ahead) found.set(queryKey(next), next.found);
    this.ahead = { limit, found };
    // Their texts into the cache (a text changed meanwhile is not kept: textsOf's epoch), as
    // many as one read may take without holding the page; a keystroke whose texts are not all
    // there reads the rest as before.
    const docs = new Map<string, FoundDoc>();
    for (const next of reply.ahead) {
      for (const doc of next.found.best) docs.set(this.textKey(doc), doc);
    }
    await this.textsOf([...docs.values()].slice(0, PREFETCHED_TEXTS));
  }

  /** Saves the worker's snapshots of the index now (tests; it saves on its own otherwise). */
  async save(): Promise<void> {
    await this.ready();
    await this.send({ type: 'save' });
  }

  /** Matches as results to show: their texts (from the cache or one bulkGet per table). */
  async group(best: readonly FoundDoc[], words: readonly string[]): Promise<SearchGroup[]> {
    const texts = await this.textsOf(best);
    const groups = new Map<string, SearchGroup>();
    best.forEach((doc, i) => {
      const record = texts[i];
      if (!record || record.deleted) return;
      let group = groups.get(doc.pairId);
      if (!group) {
        group = { pairId: doc.pairId, pairTitle: doc.pairTitle, sessions: [] };
        groups.set(doc.pairId, group);
      }
      const sessionKey = doc.sessionId ?? '';
      let bucket = group.sessions.find((s) => (s.sessionId ?? '') === sessionKey);
      if (!bucket) {
        bucket = { sessionId: doc.sessionId, when: doc.when, hits: [] };
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

  private textKey(doc: FoundDoc): string {
    return `${doc.isPrivate ? 1 : 0}|${doc.table}|${doc.recordId}`;
  }

  private async textsOf(docs: readonly FoundDoc[]): Promise<(CachedText | undefined)[]> {
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
          const doc = docs[i] as FoundDoc;
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

  /** Dexie's report of committed writes, here and in every other page of the extension. */
  private readonly onMutated = (parts: ObservabilitySet): void => {
    if (!this.work) return;
    const refresh = {
      type: 'refresh' as const,
      shared: false,
      private: false,
      feedback: null as Keys | null,
      pairs: null as Keys | null,
      sessions: null as Keys | null,
    };
    let textsChanged = false;
    for (const { name, isPrivate } of this.sources) {
      // The engine reads the change log itself: which keys does not matter here.
      if (parts[`idb://${name}/searchIndex/`]) refresh[isPrivate ? 'private' : 'shared'] = true;
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
        refresh.feedback = joinKeys(
          keysOf(parts[`idb://${name}/feedback/`]),
          keysOf(parts[`idb://${name}/feedbackKeys/`]),
        );
        refresh.pairs = keysOf(parts[`idb://${name}/pairs/`]);
        refresh.sessions = keysOf(parts[`idb://${name}/sessions/`]);
      }
    }
    if (textsChanged) this.textsEpoch += 1;
    const engineWork =
      refresh.shared || refresh.private || refresh.feedback || refresh.pairs || refresh.sessions;
    if (!engineWork && !textsChanged) return;
    this.ahead = null;
    this.changes += 1;
    // After whatever is in progress, so a later change is never overwritten by an earlier read.
    const refreshed: Promise<void> = this.work
      .then(() => (engineWork ? this.send(refresh) : undefined))
      .then(
        () => this.notify(),
        (error: unknown) => {
          // A failed refresh leaves the index unsure: load it again on the next search.
          if (this.work === refreshed) this.stopFollowing(true);
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
