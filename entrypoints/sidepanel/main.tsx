import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { App } from '../../components/app';
import type { DbNotice } from '../../components/db-notice-banner';
import { StoreContext } from '../../components/use-live';
import { browser } from '../../utils/browser';
import { localiseDocument, t } from '../../utils/i18n';
import { parseTabContext, type TabContext } from '../../utils/messaging';
import {
  acceptPanelCommands,
  createCommandHub,
  watchPanelCommands,
} from '../../utils/panel/commands';
import { earlyTab, tabFromQuery } from '../../utils/panel/early-reads';
import { openPanelStore } from '../../utils/panel/store';
import { followActiveTab, watchTabContext } from '../../utils/panel/tab';
import { prestartSearchWorker, warmSearchWhenIdle } from '../../utils/search/warm-search';

// Wiring only: open the databases (painting from raw reads while Dexie loads, utils/panel/store.ts),
// recover unsaved drafts, follow a tab's context, render.
localiseDocument(document, t('extension.name'));
const notices = new EventTarget();
const { store, firstPaint } = openPanelStore(
  {
    onVersionChange: () =>
      notices.dispatchEvent(new CustomEvent('notice', { detail: 'versionchange' })),
    onBlocked: () => notices.dispatchEvent(new CustomEvent('notice', { detail: 'blocked' })),
  },
  { load: 'afterFirstView' },
);
const fixedTab = tabFromQuery(location.search);

// Keyboard commands from the background, for this panel's tab or window, while it is in sight.
const commands = createCommandHub();
let windowId: number | null = null;
const openedAt = Date.now();
const commandsFromBackground = acceptPanelCommands({
  place: () => ({ tabId: fixedTab, windowId }),
  visible: () => document.visibilityState === 'visible',
  openedAt,
  onCommand: commands.emit,
});
void browser.windows
  .getCurrent()
  .then(
    (window) => {
      windowId = window.id ?? null;
    },
    () => undefined,
  )
  .finally(() => watchPanelCommands(commandsFromBackground.receive));

function Root() {
  const [notice, setNotice] = useState<DbNotice>(null);
  const [persisted, setPersisted] = useState<boolean | undefined>(undefined);
  // The tab's context as the panel's first script found it (a first guess, utils/panel/early-reads.ts),
  // until the reads below answer.
  const [tab, setTab] = useState<TabContext | null | undefined>(() => {
    const found = earlyTab();
    if (!found || (fixedTab !== null && found.tabId !== fixedTab)) return undefined;
    return found.tabId === null ? null : parseTabContext(found.context);
  });
  useEffect(() => {
    const listener = (e: Event) => setNotice((e as CustomEvent<DbNotice>).detail);
    notices.addEventListener('notice', listener);
    void navigator.storage?.persist?.().then(setPersisted, () => setPersisted(false));
    return () => notices.removeEventListener('notice', listener);
  }, []);
  useEffect(() => {
    let stopContext = () => {};
    let stopFollowing = () => {};
    const follow = (tabId: number | null) => {
      stopContext();
      if (tabId === null) {
        setTab(null);
        return;
      }
      stopContext = watchTabContext(tabId, setTab);
    };
    if (fixedTab !== null) {
      follow(fixedTab);
    } else {
      void browser.windows.getCurrent().then((window) => {
        if (window.id === undefined) follow(null);
        else stopFollowing = followActiveTab(browser.tabs, window.id, follow);
      });
    }
    return () => {
      stopFollowing();
      stopContext();
    };
  }, []);
  return (
    <StoreContext.Provider value={store}>
      <App notice={notice} persisted={persisted} tab={tab} subscribeCommands={commands.subscribe} />
    </StoreContext.Provider>
  );
}

// A click or a key: the user asks for something, which then loads at once.
for (const type of ['pointerdown', 'click', 'keydown'])
  document.addEventListener(type, store.acted, { capture: true, once: true, passive: true });

void firstPaint.then(() => {
  const root = document.getElementById('app');
  if (root) render(<Root />, root);
});
// Once the first view has read what it shows and the database layer is there, the search worker
// starts (its script compiles on its own thread) and, when the panel is idle, loads the index
// (it opens the databases itself, by name), so the first keystroke finds it. The search box's
// focus starts it at once (components/search.tsx).
void store.live.then(
  () => {
    prestartSearchWorker();
    warmSearchWhenIdle(store);
  },
  () => {},
);
