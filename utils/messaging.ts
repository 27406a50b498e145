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
