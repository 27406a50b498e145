import { storage } from 'wxt/utils/storage';
import { browser } from '../browser';
import { hostForOrigin, hostForUrl } from '../context';
import { parseTabContext, tabContextKey } from '../messaging';
import { customJitsiOrigins } from '../settings';
import {
  classifySender,
  type HostLookup,
  type Self,
  type Sender,
  type SenderInfo,
  selfOf,
} from './sender';
import { browserPanelApis, setTabPanel } from './side-panel';
import { acceptContextMessage, nextTabContext } from './tab-contexts';

/**
 * The background's side of page contexts: keep each tab's latest context in storage.session
 * (which content scripts cannot read), give matching tabs a side panel (Firefox: a sidebar
 * panel) of their own that knows its tab (`sidepanel.html?tab=<id>`), forget a tab when it
 * closes or leaves the hosts.
 * An open panel watches its tab's storage key, so it hears every change.
 */

let customOrigins: readonly string[] = [];
// A content script of a granted Jitsi server may report before the list is read: its message
// waits for the list rather than being refused.
const customOriginsRead = customJitsiOrigins.getValue().then(
  (origins) => {
    customOrigins = origins;
  },
  () => undefined,
);
customJitsiOrigins.watch((origins) => {
  customOrigins = origins ?? [];
});

const panelApis = browserPanelApis();

export const hostLookup: HostLookup = {
  hostForOrigin(origin) {
    return hostForOrigin(origin)?.id ?? (customOrigins.includes(origin) ? 'jitsi' : undefined);
  },
};

let self: Self | undefined;
function ownSelf(): Self {
  self ??= selfOf(browser.runtime);
  return self;
}

/** Who sent a message or opened a port, as utils/background/sender.ts classifies it. */
export function senderOf(sender: SenderInfo | undefined): Sender {
  return classifySender(sender ?? {}, ownSelf(), hostLookup);
}

// Messages from one tab are applied in order: each waits for the one before.
const queues = new Map<number, Promise<void>>();
function inOrder(tabId: number, task: () => Promise<void>): Promise<void> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
  queues.set(tabId, next);
  void next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

/** A message to the background; settles once it is applied, or at once when it is refused. */
export async function onContextMessage(message: unknown, sender: SenderInfo): Promise<void> {
  await customOriginsRead;
  const accepted = acceptContextMessage(message, sender, ownSelf(), hostLookup);
  if (!accepted) return;
  const { tabId, context } = accepted;
  return inOrder(tabId, async () => {
    const key = tabContextKey(tabId);
    const previous = parseTabContext(await storage.getItem(key));
    const next = nextTabContext(previous, context, Date.now());
    if (next) {
      await storage.setItem(key, next);
      await setTabPanel(panelApis, tabId, true);
    } else {
      await forgetTab(tabId);
    }
  });
}

export async function forgetTab(tabId: number): Promise<void> {
  await storage.removeItem(tabContextKey(tabId));
  await setTabPanel(panelApis, tabId, false);
}

/** A tab started loading a page: keep its context only while it stays on a host we read. */
export async function onTabLoading(tabId: number, url: string | undefined): Promise<void> {
  let onHost = false;
  try {
    if (url !== undefined) {
      const at = new URL(url);
      onHost = hostForUrl(at) !== undefined || customOrigins.includes(at.origin);
    }
  } catch {
    onHost = false;
  }
  if (!onHost) await forgetTab(tabId);
}
