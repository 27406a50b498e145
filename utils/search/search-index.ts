import type { SearchEntry } from '../schema/local';

/**
 * The words of each record's text, kept in a Dexie table with a multi-entry index on `words`,
 * so a search looks words up instead of scanning every note on each keystroke. Written in the
 * same transaction as the record; private text is indexed in the private database only.
 */

const MAX_WORD = 64;

/** Lower-case words without accents ("Élan, naïve!" → ["elan", "naive"]), unique, in order. */
export function wordsOf(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, MAX_WORD));
  return [...new Set(words)];
}

/** The fields of a record that search looks at, per table; tables without text are not indexed. */
const searchedFields: Record<string, readonly string[]> = {
  notes: ['body'],
  agendaItems: ['text'],
  actionItems: ['text'],
  reflections: ['prompt', 'answer'],
  goals: ['title', 'why', 'measure', 'outcome'],
  introductions: ['who', 'org', 'why'],
  roleNotes: ['note'],
  learnings: ['text'],
  closings: ['whatNext', 'learnFrom', 'endorsement'],
  // Feedback answers are sealed in the shared database: opened ones are indexed privately
  // (utils/search/feedback-index.ts), never here.
};

/** The tables search looks at. */
export const searchedTables: readonly string[] = Object.keys(searchedFields);

export function isSearched(table: string): boolean {
  return table in searchedFields;
}

/**
 * The text of a record that search looks at: its searched fields, the empty ones left out,
 * joined by `separator` (a space for the index; results show " — " between a goal's parts).
 */
export function searchedText(
  table: string,
  record: Record<string, unknown>,
  separator = ' ',
): string {
  return (searchedFields[table] ?? [])
    .map((field) => record[field])
    .filter(Boolean)
    .map(String)
    .join(separator);
}

/** The index row of a record, or null when it has nothing to find (deleted, empty, no text). */
export function searchEntryFor(
  table: string,
  record: { id: string; pairId?: string; sessionId?: string; deleted?: boolean } & Record<
    string,
    unknown
  >,
): SearchEntry | null {
  if (!isSearched(table) || record.deleted || !record.pairId) return null;
  const words = wordsOf(searchedText(table, record));
  if (words.length === 0) return null;
  return {
    id: `${table}:${record.id}`,
    table,
    recordId: record.id,
    pairId: record.pairId,
    sessionId: typeof record.sessionId === 'string' && record.sessionId ? record.sessionId : null,
    words,
  };
}
