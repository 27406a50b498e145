import * as z from 'zod/mini';
import { pageContext } from './schema/page-context';

/**
 * Every message that crosses a context boundary, declared once with its schema (STYLE.md §9).
 * Receivers parse with these before they act; anything that does not parse is dropped.
 */

/** Content script → background: what the page shows now (null: no meeting page any more). */
export const pageContextMessage = z.object({
  type: z.literal('page-context'),
  context: z.nullable(pageContext),
});
export type PageContextMessage = z.infer<typeof pageContextMessage>;

export const PAGE_CONTEXT = 'page-context' as const;

/** Keyboard commands the panel acts on (declared in wxt.config.ts `commands`). */
export const panelCommandNames = ['add-action-item', 'next-prompt'] as const;
export type PanelCommandName = (typeof panelCommandNames)[number];

/**
 * Background → panels: a keyboard command the browser delivered (commands.onCommand), for the
 * panel of that window (and that tab, when the tab has a panel of its own). Carried in
 * storage.session, like tab contexts, so a panel the command has just opened still hears it.
 */
export const panelCommandMessage = z.object({
  type: z.literal('panel-command'),
  /** Unique per key press: a panel acts on each once. */
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  command: z.enum(panelCommandNames),
  windowId: z.optional(z.int()),
  tabId: z.optional(z.int()),
  /** Epoch ms when the background received it. */
  at: z.number(),
});
export type PanelCommandMessage = z.infer<typeof panelCommandMessage>;

/**
 * Side panel ↔ its search worker (entrypoints/search-worker.ts): the search index lives in a
 * worker so loading and matching never hold the panel's page. Both sides parse what they get.
 */
export const searchRequest = z.discriminatedUnion('type', [
  /** Load the index now: the user is about to search. */
  z.object({ type: z.literal('search-warm') }),
  z.object({
    type: z.literal('search'),
    id: z.int().check(z.nonnegative()),
    query: z.string().check(z.maxLength(1000)),
    limit: z.int().check(z.minimum(1), z.maximum(200)),
  }),
]);
export type SearchRequest = z.infer<typeof searchRequest>;

const searchText = z.string().check(z.maxLength(1_000_000));
const searchHit = z.object({
  table: z.string().check(z.maxLength(40)),
  recordId: z.string().check(z.maxLength(200)),
  text: searchText,
  private: z.boolean(),
});
export const searchGroup = z.object({
  pairId: z.string().check(z.maxLength(200)),
  /** null: the pair was deleted (the panel names it in its own language). */
  pairTitle: z.nullable(searchText),
  sessions: z.array(
    z.object({
      sessionId: z.nullable(z.string().check(z.maxLength(200))),
      when: z.string().check(z.maxLength(100)),
      hits: z.array(searchHit),
    }),
  ),
});

export const searchResponse = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('search-result'),
    id: z.int(),
    total: z.int().check(z.nonnegative()),
    groups: z.array(searchGroup),
  }),
  z.object({
    type: z.literal('search-failed'),
    /** null: not an answer to one search (the worker could not start, a message was refused). */
    id: z.nullable(z.int()),
    message: z.string().check(z.maxLength(2000)),
  }),
  /** The databases changed: shown results should be searched again. */
  z.object({ type: z.literal('search-changed') }),
]);
export type SearchResponse = z.infer<typeof searchResponse>;
