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

function wordMatches(entryWords: readonly string[], word: string, prefix: boolean): boolean {
  return entryWords.some((w) => (prefix ? w.startsWith(word) : w === word));
}

export function entryMatches(entry: Pick<SearchEntry, 'words'>, query: ParsedQuery): boolean {
  return query.words.every((word, i) =>
    wordMatches(entry.words, word, query.prefixLast && i === query.words.length - 1),
  );
}

/** The word to look up in the index: the longest (rarest, usually), exact if it can be. */
export function lookupWord(query: ParsedQuery): { word: string; prefix: boolean } | null {
  if (query.words.length === 0) return null;
  const lastIndex = query.words.length - 1;
  let best = { word: query.words[0] as string, prefix: query.prefixLast && lastIndex === 0 };
  query.words.forEach((word, i) => {
    const prefix = query.prefixLast && i === lastIndex;
    // An exact word narrows more than a prefix of the same length.
    const score = word.length + (prefix ? 0 : 0.5);
    const bestScore = best.word.length + (best.prefix ? 0 : 0.5);
    if (score > bestScore) best = { word, prefix };
  });
  return best;
}

const tableWeight: Record<string, number> = {
  notes: 4,
  reflections: 3,
  actionItems: 2,
  agendaItems: 2,
  goals: 1,
};

/** Best first: more words matched exactly (not only as a prefix), then notes before lists. */
export function rankEntries<T extends Pick<SearchEntry, 'words' | 'table'>>(
  entries: readonly T[],
  query: ParsedQuery,
): T[] {
  const exact = (e: T) => query.words.filter((w) => e.words.includes(w)).length;
  return [...entries].sort(
    (a, b) => exact(b) - exact(a) || (tableWeight[b.table] ?? 0) - (tableWeight[a.table] ?? 0),
  );
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
 * Everything that matches a query, across all pairs, both databases: best first, at most
 * `limit` records, grouped by pair and session (pairs and sessions in order of their best hit).
 */
export async function runSearch(
  { db, privateDb }: SearchDbs,
  query: string,
  limit = 50,
): Promise<SearchGroup[]> {
  const parsed = parseQuery(query);
  const lookup = lookupWord(parsed);
  if (!lookup) return [];
  const candidates: { entry: SearchEntry; private: boolean }[] = [];
  for (const [database, isPrivate] of [
    [db, false],
    [privateDb, true],
  ] as const) {
    const index = database.searchIndex.where('words');
    const found = await (lookup.prefix ? index.startsWith(lookup.word) : index.equals(lookup.word))
      .distinct()
      .limit(5000)
      .toArray();
    for (const entry of found) {
      if (entryMatches(entry, parsed)) candidates.push({ entry, private: isPrivate });
    }
  }
  const ranked = rankEntries(
    candidates.map((c) => ({ ...c.entry, isPrivate: c.private })),
    parsed,
  ).slice(0, limit);

  const groups = new Map<string, SearchGroup>();
  const pairTitles = new Map<string, string>();
  const sessionWhen = new Map<string, string>();
  for (const entry of ranked) {
    const source = entry.isPrivate ? privateDb : db;
    const record = (await source.table(entry.table).get(entry.recordId)) as
      | Record<string, unknown>
      | undefined;
    if (!record || record.deleted) continue;
    if (!pairTitles.has(entry.pairId)) {
      const pair = await db.pairs.get(entry.pairId);
      pairTitles.set(entry.pairId, pair && !pair.deleted ? pair.title : 'A deleted pair');
    }
    const sessionKey = entry.sessionId ?? '';
    if (entry.sessionId && !sessionWhen.has(entry.sessionId)) {
      const session = await db.sessions.get(entry.sessionId);
      sessionWhen.set(entry.sessionId, session?.scheduledAt ?? '');
    }
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
