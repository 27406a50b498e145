import * as z from 'zod/mini';

/*
 * The messages between the panel and the search worker (entrypoints/search-worker.ts, running
 * utils/search/search-engine.ts), each parsed on receipt on both sides as every message in the
 * extension is. Only word lists, keys and the few hits a keystroke shows cross it: the index
 * itself stays in the worker.
 */

const keys = z.union([z.array(z.string()), z.literal('all')]);
export type Keys = z.infer<typeof keys>;

export const searchRequest = z.discriminatedUnion('type', [
  /** Load the index of these databases (from its snapshot, brought up to date, or its rows). */
  z.object({ id: z.number(), type: z.literal('load'), shared: z.string(), private: z.string() }),
  /** These databases' tables changed: bring the index, pairs and sessions up to date. */
  z.object({
    id: z.number(),
    type: z.literal('refresh'),
    shared: z.boolean(),
    private: z.boolean(),
    feedback: z.nullable(keys),
    pairs: z.nullable(keys),
    sessions: z.nullable(keys),
  }),
  /** The best `limit` matches of a query (utils/search/search.ts parseQuery). */
  z.object({
    id: z.number(),
    type: z.literal('find'),
    words: z.array(z.string()),
    prefixLast: z.boolean(),
    limit: z.number(),
  }),
  /**
   * The best `limit` matches of each query one more keystroke can make of this one (a letter
   * or digit the vocabulary has next, or a space), so the panel can show that keystroke's
   * results in its own frame (utils/search/search.ts LiveSearch.prefetch).
   */
  z.object({
    id: z.number(),
    type: z.literal('ahead'),
    words: z.array(z.string()),
    prefixLast: z.boolean(),
    limit: z.number(),
  }),
  /** Save the snapshots now (tests; the worker saves on its own a moment after changes). */
  z.object({ id: z.number(), type: z.literal('save') }),
]);
export type SearchRequest = z.infer<typeof searchRequest>;

/** A record that matched, with what the results show of its pair and session. */
export const foundDoc = z.object({
  key: z.string(),
  table: z.string(),
  recordId: z.string(),
  pairId: z.string(),
  sessionId: z.nullable(z.string()),
  isPrivate: z.boolean(),
  text: z.optional(z.string()),
  /** How many query words it holds whole. */
  exact: z.number(),
  /** null: the pair was deleted. */
  pairTitle: z.nullable(z.string()),
  /** The session's date as kept, '' when none. */
  when: z.string(),
});
export type FoundDoc = z.infer<typeof foundDoc>;

/** The best matches of a query, and how many there are in all. */
const found = z.object({ total: z.number(), best: z.array(foundDoc) });
export type Found = z.infer<typeof found>;

/** A query one keystroke ahead and what it finds. */
export type Ahead = { words: string[]; prefixLast: boolean; found: Found };

export const searchReply = z.union([
  z.object({
    id: z.number(),
    ok: z.literal(true),
    stats: z.object({
      records: z.number(),
      words: z.number(),
      /** The last load: how long it took in the engine, each database from where. */
      loaded: z.optional(
        z.object({
          ms: z.number(),
          shared: z.enum(['snapshot', 'rows']),
          private: z.enum(['snapshot', 'rows']),
        }),
      ),
    }),
    found: z.optional(found),
    /** For 'ahead': each query with what it finds. */
    ahead: z.optional(
      z.array(z.object({ words: z.array(z.string()), prefixLast: z.boolean(), found })),
    ),
  }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);
export type SearchReply = z.infer<typeof searchReply>;
