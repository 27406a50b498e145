import { storage } from 'wxt/utils/storage';
import { parseTabContext, type TabContext, tabContextKey } from '../messaging';

export interface TabsApi {
  query(info: { active: true; windowId: number }): Promise<{ id?: number }[]>;
  onActivated: {
    addListener(cb: (info: { tabId: number; windowId: number }) => void): void;
    removeListener(cb: (info: { tabId: number; windowId: number }) => void): void;
  };
}

/** Calls `onTab` with the active tab of `windowId` now and whenever it changes. */
export function followActiveTab(
  tabs: TabsApi,
  windowId: number,
  onTab: (tabId: number | null) => void,
): () => void {
  void tabs.query({ active: true, windowId }).then(([tab]) => onTab(tab?.id ?? null));
  const listener = (info: { tabId: number; windowId: number }) => {
    if (info.windowId === windowId) onTab(info.tabId);
  };
  tabs.onActivated.addListener(listener);
  return () => tabs.onActivated.removeListener(listener);
}

/**
 * The tab's context now and on every change; null when the tab shows no meeting page, or when
 * what is stored does not parse (the background is its only writer, but it is still parsed).
 */
export function watchTabContext(
  tabId: number,
  onContext: (context: TabContext | null) => void,
): () => void {
  const key = tabContextKey(tabId);
  let alive = true;
  void storage.getItem(key).then((value) => {
    if (alive) onContext(parseTabContext(value));
  });
  const unwatch = storage.watch(key, (value) => onContext(parseTabContext(value)));
  return () => {
    alive = false;
    unwatch();
  };
}
