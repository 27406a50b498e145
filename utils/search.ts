import { t } from './i18n';
import type { SearchEntry } from './schema/local';
import { wordsOf } from './search-index';

/**
 * Search over the word index (utils/search-index.ts): every query word must be a word of the
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

/**
 * Index entries read per query word and database. Past it a word counts as too common to list
 * whole (results are then the best among the first entries, as the panel says: "best 50").
 */
export const SCAN_CAP = 2000;

const tableWeight: Record<string, number> = {
  notes: 4,
  reflections: 3,
  actionItems: 2,
  agendaItems: 2,
  goals: 1,
};

/** One index row that matched, known by its key only: `<table>:<recordId>` in one database. */
export interface KeyMatch {
  key: string;
  /** How many query words the row has as whole words (not only as a prefix). */
  exact: number;
  isPrivate: boolean;
}

/** The table of an index row, from its key (`<table>:<recordId>`, see searchEntryFor). */
export function tableOfKey(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** Best first: more words matched exactly (not only as a prefix), then notes before lists. */
export function rankMatches<T extends Pick<KeyMatch, 'key' | 'exact'>>(matches: readonly T[]): T[] {
  const weight = (key: string) => tableWeight[tableOfKey(key)] ?? 0;
  return [...matches].sort((a, b) => b.exact - a.exact || weight(b.key) - weight(a.key));
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
  // Fold each character as wordsOf does, remembering where it came from.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(code);
    const f = char
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    for (let k = 0; k < f.length; k += 1) origin.push(i);
    folded += f;
    i += char.length;
  }
  origin.push(text.length);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(word, from);
      if (at < 0) break;
      const startsWord = at === 0 || !/[\p{L}\p{N}]/u.test(folded[at - 1] ?? '');
      if (startsWord) {
        const start = origin[at] ?? 0;
        const end = origin[at + word.length] ?? text.length;
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

/** A window of text around the first match, so a long note shows where it matched. */
export function snippet(text: string, words: readonly string[], radius = 80): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), text.length);
  if (at >= text.length || text.length <= radius * 2) return text.slice(0, radius * 2);
  const start = Math.max(0, at - radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + radius * 2)}…`;
}

/** One record that matched, with the text to show. */
export interface SearchHit {
  table: string;
  recordId: string;
  text: string;
  private: boolean;
}

export interface SearchGroup {
  pairId: string;
  pairTitle: string;
  sessions: { sessionId: string | null; when: string; hits: SearchHit[] }[];
}

export interface SearchDbs {
  db: import('./db').SharedDb;
  privateDb: import('./db').PrivateDb;
}

const hitText: Record<string, (r: Record<string, unknown>) => string> = {
  notes: (r) => String(r.body ?? ''),
  agendaItems: (r) => String(r.text ?? ''),
  actionItems: (r) => String(r.text ?? ''),
  reflections: (r) => [r.prompt, r.answer].filter(Boolean).join(' — '),
  goals: (r) => [r.title, r.why, r.measure].filter(Boolean).join(' — '),
};

/**
 * The keys of the index rows of one database that match every query word. Works on index
 * keys only (no row is read): words before the last
 * must be whole words, the last one a prefix while it is typed; `exact` counts the words a row
 * has whole (the last one too, when the row has it whole), for rankMatches.
 */
async function matchingKeys(
  database: SearchDbs['db'] | SearchDbs['privateDb'],
  parsed: ParsedQuery,
): Promise<Omit<KeyMatch, 'isPrivate'>[]> {
  const index = database.searchIndex.where('words');
  const lastIndex = parsed.words.length - 1;
  const lookups = await Promise.all(
    parsed.words.map(async (word, i) => {
      const prefix = parsed.prefixLast && i === lastIndex;
      // At most SCAN_CAP index entries per word: a one-letter prefix of a common letter would
      // otherwise read tens of thousands of keys on the first keystroke.
      const range = prefix ? index.startsWith(word) : index.equals(word);
      const keys = (await range.limit(SCAN_CAP).primaryKeys()) as string[];
      return { keys: new Set(keys), complete: keys.length < SCAN_CAP };
    }),
  );
  // Drive from the smallest complete set (or the smallest set, when every word is common).
  const ordered = [...lookups].sort(
    (a, b) => Number(b.complete) - Number(a.complete) || a.keys.size - b.keys.size,
  );
  const [driver, ...rest] = ordered;
  if (!driver) return [];
  let keys = [...driver.keys].filter((key) =>
    rest.every((other) => !other.complete || other.keys.has(key)),
  );
  if (rest.some((other) => !other.complete) && keys.length > 0) {
    // A word too common to list whole: check the candidates' own words instead.
    const rows = await database.searchIndex.bulkGet(keys);
    keys = keys.filter((_, i) => {
      const row = rows[i];
      return row !== undefined && hasEveryWord(row.words, parsed);
    });
  }
  if (keys.length === 0) return [];
  let exactLast: Set<string> | null = null;
  const last = parsed.words[lastIndex];
  if (parsed.prefixLast && last !== undefined) {
    exactLast = new Set((await index.equals(last).limit(SCAN_CAP).primaryKeys()) as string[]);
  }
  const exactCount = parsed.prefixLast ? lastIndex : parsed.words.length;
  return keys.map((key) => ({ key, exact: exactCount + (exactLast?.has(key) ? 1 : 0) }));
}

/** Whether a record's words hold every query word (the last as a prefix while typed). */
export function hasEveryWord(words: readonly string[], query: ParsedQuery): boolean {
  const lastIndex = query.words.length - 1;
  return query.words.every((word, i) =>
    query.prefixLast && i === lastIndex
      ? words.some((w) => w.startsWith(word))
      : words.includes(word),
  );
}

/**
 * The best `limit` index rows matching a query, in both databases. Matching and ranking read
 * index keys only (IndexedDB getAllKeys on the word index); then only those rows are read, so a
 * one-letter prefix matching thousands of records costs a key scan, not thousands of reads.
 */
export async function findMatches(
  { db, privateDb }: SearchDbs,
  query: string,
  limit = 50,
): Promise<(SearchEntry & { isPrivate: boolean })[]> {
  const parsed = parseQuery(query);
  if (parsed.words.length === 0) return [];
  const [shared, own] = await Promise.all([
    matchingKeys(db, parsed),
    matchingKeys(privateDb, parsed),
  ]);
  const best = rankMatches([
    ...shared.map((m) => ({ ...m, isPrivate: false })),
    ...own.map((m) => ({ ...m, isPrivate: true })),
  ]).slice(0, limit);
  const sharedKeys = best.filter((m) => !m.isPrivate).map((m) => m.key);
  const privateKeys = best.filter((m) => m.isPrivate).map((m) => m.key);
  const [sharedRows, privateRows] = await Promise.all([
    db.searchIndex.bulkGet(sharedKeys),
    privateDb.searchIndex.bulkGet(privateKeys),
  ]);
  const rows = new Map<string, SearchEntry & { isPrivate: boolean }>();
  for (const row of sharedRows) if (row) rows.set(`0|${row.id}`, { ...row, isPrivate: false });
  for (const row of privateRows) if (row) rows.set(`1|${row.id}`, { ...row, isPrivate: true });
  return best.flatMap((m) => {
    const row = rows.get(`${m.isPrivate ? 1 : 0}|${m.key}`);
    return row ? [row] : [];
  });
}

/**
 * Matched index rows as results to show: their records, pairs and sessions read with one
 * bulkGet per table and database, in parallel; grouped by pair and session in rank order.
 */
export async function groupHits(
  { db, privateDb }: SearchDbs,
  ranked: readonly (SearchEntry & { isPrivate: boolean })[],
): Promise<SearchGroup[]> {
  const records = new Map<string, Record<string, unknown>>();
  const loads: Promise<void>[] = [];
  for (const [source, isPrivate] of [
    [db, false],
    [privateDb, true],
  ] as const) {
    const byTable = new Map<string, string[]>();
    for (const row of ranked) {
      if (row.isPrivate !== isPrivate) continue;
      byTable.set(row.table, [...(byTable.get(row.table) ?? []), row.recordId]);
    }
    for (const [table, ids] of byTable) {
      loads.push(
        source
          .table(table)
          .bulkGet(ids)
          .then((rows: (Record<string, unknown> | undefined)[]) => {
            rows.forEach((row, i) => {
              if (row) records.set(`${isPrivate ? 1 : 0}|${table}|${ids[i]}`, row);
            });
          }),
      );
    }
  }
  const pairIds = [...new Set(ranked.map((r) => r.pairId))];
  const sessionIds = [...new Set(ranked.flatMap((r) => (r.sessionId ? [r.sessionId] : [])))];
  const [pairs, sessions] = await Promise.all([
    db.pairs.bulkGet(pairIds),
    db.sessions.bulkGet(sessionIds),
    ...loads,
  ]);
  const pairTitles = new Map(
    pairIds.map((id, i) => {
      const pair = pairs[i];
      return [id, pair && !pair.deleted ? pair.title : t('search.deletedPair')];
    }),
  );
  const sessionWhen = new Map(sessionIds.map((id, i) => [id, sessions[i]?.scheduledAt ?? '']));

  const groups = new Map<string, SearchGroup>();
  for (const entry of ranked) {
    const record = records.get(`${entry.isPrivate ? 1 : 0}|${entry.table}|${entry.recordId}`);
    if (!record || record.deleted) continue;
    const sessionKey = entry.sessionId ?? '';
    let group = groups.get(entry.pairId);
    if (!group) {
      group = { pairId: entry.pairId, pairTitle: pairTitles.get(entry.pairId) ?? '', sessions: [] };
      groups.set(entry.pairId, group);
    }
    let bucket = group.sessions.find((s) => (s.sessionId ?? '') === sessionKey);
    if (!bucket) {
      bucket = {
        sessionId: entry.sessionId,
        when: entry.sessionId ? (sessionWhen.get(entry.sessionId) ?? '') : '',
        hits: [],
      };
      group.sessions.push(bucket);
    }
    bucket.hits.push({
      table: entry.table,
      recordId: entry.recordId,
      text: (hitText[entry.table] ?? (() => ''))(record),
      private: entry.isPrivate,
    });
  }
  return [...groups.values()];
}

/**
 * Everything that matches a query, across all pairs, both databases: best first, at most
 * `limit` records, grouped by pair and session (pairs and sessions in order of their best hit).
 */
export async function runSearch(dbs: SearchDbs, query: string, limit = 50): Promise<SearchGroup[]> {
  return groupHits(dbs, await findMatches(dbs, query, limit));
}
