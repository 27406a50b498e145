import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { hostForUrl } from './context';
import { customJitsiOrigins } from './settings';
import { browserPanelApis, setTabPanel } from './side-panel';
import {
  acceptContextMessage,
  type HostLookup,
  nextTabContext,
  type SenderInfo,
  type TabContext,
  tabContextKey,
} from './tab-contexts';

/**
 * The background's side of page contexts: keep each tab's latest context in storage.session
 * (which content scripts cannot read), give matching tabs a side panel (Firefox: a sidebar
 * panel) of their own that knows its tab (`sidepanel.html?tab=<id>`), forget a tab when it
 * closes or leaves the hosts.
 * An open panel watches its tab's storage key, so it hears every change.
 */

let customOrigins: readonly string[] = [];
void customJitsiOrigins.getValue().then((origins) => {
  customOrigins = origins;
});
customJitsiOrigins.watch((origins) => {
  customOrigins = origins ?? [];
});

const panelApis = browserPanelApis();

export const hostLookup: HostLookup = {
  hostFor(url) {
    return hostForUrl(url)?.id ?? (customOrigins.includes(url.origin) ? 'jitsi' : undefined);
  },
};

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

export function onContextMessage(message: unknown, sender: SenderInfo): Promise<void> {
  const accepted = acceptContextMessage(message, sender, browser.runtime.id, hostLookup);
  if (!accepted) return Promise.resolve();
  const { tabId, context } = accepted;
  return inOrder(tabId, async () => {
    const key = tabContextKey(tabId);
    const previous = await storage.getItem<TabContext>(key);
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
    onHost = url !== undefined && hostLookup.hostFor(new URL(url)) !== undefined;
  } catch {
    onHost = false;
  }
  if (!onHost) await forgetTab(tabId);
}
