import { pageContextMessage } from './messaging';
import type { HostId, PageContext } from './schema/page-context';

/**
 * The background's knowledge of what each tab shows: plain functions, so that a unit test can
 * throw thousands of spoofed messages at them. Senders are classified by the fields the
 * browser fills in (sender.id, sender.tab, sender.frameId, sender.url, sender.origin), never
 * by anything the message says about itself.
 */

/** The part of runtime.MessageSender we rely on (all filled in by the browser). */
export interface SenderInfo {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
  url?: string;
  origin?: string;
}

export type SenderClass =
  | { kind: 'content-script'; tabId: number; host: HostId; origin: string }
  | { kind: 'rejected'; reason: string };

export interface HostLookup {
  /** The host whose match patterns cover this URL (utils/context hostForUrl). */
  hostFor(url: URL): HostId | undefined;
}

export function classifySender(
  sender: SenderInfo,
  extensionId: string,
  hosts: HostLookup,
): SenderClass {
  if (sender.id !== extensionId) return { kind: 'rejected', reason: 'another extension or a page' };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) {
    return { kind: 'rejected', reason: 'not from a tab' };
  }
  if (sender.frameId !== 0) return { kind: 'rejected', reason: 'not the top frame' };
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return { kind: 'rejected', reason: 'no sender URL' };
  }
  if (url.protocol !== 'https:') return { kind: 'rejected', reason: 'not an https page' };
  if (sender.origin !== undefined && sender.origin !== url.origin) {
    return { kind: 'rejected', reason: 'origin and URL disagree' };
  }
  const host = hosts.hostFor(url);
  if (!host) return { kind: 'rejected', reason: 'not a host Tandem reads' };
  return { kind: 'content-script', tabId, host, origin: url.origin };
}

export type AcceptedContext = { tabId: number; context: PageContext | null };

/**
 * A page-context message that may change state, or null when it must be dropped: from an
 * unknown sender, malformed, or claiming another host or origin than the page it came from.
 */
export function acceptContextMessage(
  message: unknown,
  sender: SenderInfo,
  extensionId: string,
  hosts: HostLookup,
): AcceptedContext | null {
  const from = classifySender(sender, extensionId, hosts);
  if (from.kind !== 'content-script') return null;
  const parsed = pageContextMessage.safeParse(message);
  if (!parsed.success) return null;
  const { context } = parsed.data;
  if (context) {
    if (context.host !== from.host) return null;
    let origin: string;
    try {
      origin = new URL(context.url).origin;
    } catch {
      return null;
    }
    if (origin !== from.origin) return null;
  }
  return { tabId: from.tabId, context };
}

/** What the background keeps per tab (storage.session), and the panel shows. */
export interface TabContext {
  context: PageContext;
  /** Epoch ms when the call was first seen in progress (the meeting timer); null otherwise. */
  callStartedAt: number | null;
  updatedAt: number;
}

function sameMeeting(a: PageContext, b: PageContext): boolean {
  return (
    a.host === b.host &&
    a.url === b.url &&
    (a.meeting?.meetingCode ?? a.meeting?.title) === (b.meeting?.meetingCode ?? b.meeting?.title)
  );
}

/** The tab's next state: the timer starts when the call starts and survives re-reports. */
export function nextTabContext(
  previous: TabContext | null,
  context: PageContext | null,
  now: number,
): TabContext | null {
  if (!context) return null;
  let callStartedAt: number | null = null;
  if (context.kind === 'call' && context.meeting && context.meeting.inCall !== false) {
    callStartedAt =
      previous?.callStartedAt && sameMeeting(previous.context, context)
        ? previous.callStartedAt
        : now;
  }
  return { context, callStartedAt, updatedAt: now };
}

export function tabContextKey(tabId: number): `session:tab-context:${number}` {
  return `session:tab-context:${tabId}`;
}
