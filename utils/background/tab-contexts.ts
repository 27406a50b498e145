import { pageContextMessage, type TabContext } from '../messaging';
import type { PageContext } from '../schema/page-context';
import { classifySender, type HostLookup, mayAsk, type Self, type SenderInfo } from './sender';

/**
 * The background's knowledge of what each tab shows: plain functions, so that a unit test can
 * throw thousands of spoofed messages at them. Who sent a message is decided by classifySender
 * (utils/background/sender.ts), never by anything the message says about itself.
 */

export type AcceptedContext = { tabId: number; context: PageContext | null };

/**
 * A page-context message that may change state, or null when it must be dropped: from an
 * unknown sender, malformed, or claiming another host or origin than the page it came from.
 */
export function acceptContextMessage(
  message: unknown,
  sender: SenderInfo,
  self: Self,
  hosts: HostLookup,
): AcceptedContext | null {
  const from = classifySender(sender, self, hosts);
  if (from.kind !== 'content-script' || !mayAsk(from, 'page-context')) return null;
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
