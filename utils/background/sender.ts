import { acceptedSender, type Request } from '../messaging';
import type { HostId } from '../schema/page-context';

/**
 * Who is talking to the background (STYLE.md §10): decided from the fields the browser fills in
 * — sender.id, sender.origin, sender.tab, sender.frameId — never from anything a message says
 * about itself. A plain function, so that a unit test can throw spoofed senders at it.
 *
 * Why sender.origin and not sender.url: the origin is the document's security origin, the one
 * the browser itself enforces. The URL can say something else — an about:blank or srcdoc frame
 * inherits its parent's origin, a page sandboxed by its own Content-Security-Policy keeps its
 * https URL but has the opaque origin "null". Chromium fills in sender.origin since 80 and
 * Firefox since 126 (https://bugzilla.mozilla.org/show_bug.cgi?id=1787379); Tandem needs 116
 * and 140 (wxt.config.ts), so a sender without one is not one of ours and is refused — with
 * one narrow exception for the extension's own pages, see isOwnPage.
 */

/** The part of runtime.MessageSender the background relies on (all filled in by the browser). */
export interface SenderInfo {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
  url?: string;
  origin?: string;
}

/**
 * The extension as the background sees itself: runtime.id, and the origin of its own pages
 * (`chrome-extension://<id>`; in Firefox `moz-extension://<uuid>`, a per-install uuid that is
 * not the add-on id).
 */
export interface Self {
  id: string;
  origin: string;
}

/**
 * From the runtime API. runtime.getURL('') is `<origin>/`; the slash is cut rather than asking
 * `new URL(…).origin`, which is "null" for these schemes outside the browser (in Node, in tests).
 */
export function selfOf(runtime: { id: string; getURL(path: string): string }): Self {
  return { id: runtime.id, origin: runtime.getURL('').replace(/\/$/, '') };
}

export interface HostLookup {
  /** The host a content script may run on at this origin (utils/context hostForOrigin), if any. */
  hostForOrigin(origin: string): HostId | undefined;
}

export type Sender =
  /** A page of the extension (panel, options), in a tab (tabId) or not (a side panel, sidebar). */
  | { kind: 'extension-page'; tabId: number | null }
  /** A content script in the top frame of a tab showing a host page Tandem reads. */
  | { kind: 'content-script'; tabId: number; host: HostId; origin: string }
  | { kind: 'refused'; reason: string };

const refused = (reason: string): Sender => ({ kind: 'refused', reason });

function validTabId(sender: SenderInfo): number | null {
  const id = sender.tab?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/**
 * One of the extension's own documents. Any frame and any tab, or none: the side panel and
 * Firefox's sidebar have no tab, the options page (`open_in_tab`) and a panel opened as a page
 * do; and since the manifest declares no web_accessible_resources, no web page can frame one.
 *
 * Where the browser gives no origin (not expected in the supported versions, see above), the
 * URL may stand in for it here and only here: no web page or content script has a URL under
 * the extension's origin, and a frame that inherits an origin has an about: URL, never this one.
 */
function isOwnPage(sender: SenderInfo, self: Self): boolean {
  if (sender.origin !== undefined) return sender.origin === self.origin;
  return sender.url?.startsWith(`${self.origin}/`) ?? false;
}

export function classifySender(sender: SenderInfo, self: Self, hosts: HostLookup): Sender {
  // Other extensions reach runtime.onMessageExternal, web pages nothing (the manifest has no
  // externally_connectable); the id is checked all the same.
  if (sender.id !== self.id) return refused('another extension or a web page');
  const tabId = validTabId(sender);
  if (isOwnPage(sender, self)) return { kind: 'extension-page', tabId };
  if (tabId === null) return refused('not from a tab');
  // The content scripts run in top frames only (no all_frames in wxt.config.ts).
  if (sender.frameId !== 0) return refused('not the top frame');
  const origin = sender.origin;
  if (origin === undefined) return refused('no origin');
  // Every host, built in or a granted self-hosted Jitsi, is https (custom-origin.ts).
  if (!origin.startsWith('https://')) return refused('not an https origin');
  const host = hosts.hostForOrigin(origin);
  if (!host) return refused('not a host Tandem reads');
  return { kind: 'content-script', tabId, host, origin };
}

/**
 * Who may ask what: each request has the one kind of sender utils/messaging.ts `acceptedSender`
 * names. A content script only reports its page, and only a content script may: the context's
 * tab and origin come from the sender, so they mean something from nobody else. The sync port
 * is for the extension's own pages.
 */
export function mayAsk(from: Sender, request: Request): boolean {
  return from.kind !== 'refused' && acceptedSender[request] === from.kind;
}
