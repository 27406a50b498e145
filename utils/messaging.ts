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
