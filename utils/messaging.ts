import * as z from 'zod/mini';
import type { Sender } from './background/sender';
import { pageContext } from './schema/page-context';

/**
 * Every channel between Tandem's parts, declared here once with its schema (STYLE.md §9) and
 * the kind of sender it accepts (§10). Receivers parse with these before they act; anything
 * that does not parse is dropped.
 *
 * | channel       | carried by                            | from → to                     | accepts        |
 * | ------------- | ------------------------------------- | ----------------------------- | -------------- |
 * | page-context  | runtime.sendMessage                   | content script → background   | content-script |
 * | sync-port     | runtime.connect, port `tandem-sync`   | panel, options → background   | extension-page |
 * | tab-context   | storage.session `tab-context:<tabId>` | background → panel            | trusted        |
 * | panel-command | storage.session `panel-command`       | background → panels           | trusted        |
 *
 * "content-script" and "extension-page" are what classifySender (utils/background/sender.ts)
 * makes of the fields the browser fills in; mayAsk checks them against `acceptedSender` below.
 * "trusted": storage.session is open to the extension's own contexts only (its default access
 * level, TRUSTED_CONTEXTS, which Tandem never widens), so a content script can neither read nor
 * write these keys; the background writes them, the panels parse what they read.
 *
 * One more storage.session relay, background → panel and options page, is declared with its
 * reader: the sync statuses (utils/sync/status.ts `syncStatuses`).
 *
 * Content scripts import types only from here (`import type`): zod stays out of their bundles.
 */

/** What the background accepts from whom: a runtime message by its type, a port by its name. */
export const acceptedSender = {
  'page-context': 'content-script',
  'sync-port': 'extension-page',
} as const satisfies Record<string, Exclude<Sender['kind'], 'refused'>>;

/** Everything a sender can ask of the background: a message type or a port name. */
export type Request = keyof typeof acceptedSender;

// page-context ------------------------------------------------------------------------------

/** Content script → background: what the page shows now (null: no meeting page any more). */
export const pageContextMessage = z.object({
  type: z.literal('page-context'),
  context: z.nullable(pageContext),
});
export type PageContextMessage = z.infer<typeof pageContextMessage>;

// sync-port ---------------------------------------------------------------------------------

/**
 * The port an open panel or options page holds to the background, pinging it: each message
 * keeps the service worker — and with it the sidecar's event stream — alive while someone is
 * looking. The background never answers on it.
 */
export const SYNC_PORT = 'tandem-sync';
export const SYNC_PORT_PING_MS = 20_000;

export const syncPortMessage = z.object({ type: z.literal('ping') });
export type SyncPortMessage = z.infer<typeof syncPortMessage>;

// tab-context -------------------------------------------------------------------------------

/** What the background keeps per tab (storage.session), and the panel shows. */
export const tabContext = z.object({
  context: pageContext,
  /** Epoch ms when the call was first seen in progress (the meeting timer); null otherwise. */
  callStartedAt: z.nullable(z.number()),
  updatedAt: z.number(),
});
export type TabContext = z.infer<typeof tabContext>;

export function tabContextKey(tabId: number): `session:tab-context:${number}` {
  return `session:tab-context:${tabId}`;
}

/** A stored tab context, or null for nothing there or something that does not parse. */
export function parseTabContext(value: unknown): TabContext | null {
  const parsed = tabContext.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// panel-command -----------------------------------------------------------------------------

/** Keyboard commands the panel acts on (declared in wxt.config.ts `commands`). */
export const panelCommandNames = ['add-action-item', 'next-prompt'] as const;
export type PanelCommandName = (typeof panelCommandNames)[number];

/** Where the background leaves the last command for the panels. */
export const PANEL_COMMAND_KEY = 'session:panel-command' as const;

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
