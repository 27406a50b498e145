import { describe, expect, test } from 'vitest';
import {
  openPanelOnActionClick,
  panelPath,
  type SidePanelApis,
  setTabPanel,
} from '../../utils/background/side-panel';

const BASE = 'moz-extension://6a1c3f2e-8d4b-4f5a-9e7c-2b1d0a9f8e71';

/** Chromium (Chrome, Edge): the sidePanel API, no sidebarAction. */
function chromium() {
  const calls: unknown[] = [];
  const apis: SidePanelApis = {
    runtime: { getURL: (path) => `chrome-extension://abc${path}` },
    sidePanel: {
      setPanelBehavior: async (behavior) => void calls.push(['behavior', behavior]),
      setOptions: async (options) => void calls.push(['options', options]),
    },
    action: { onClicked: { addListener: () => calls.push(['listener']) } },
  };
  return { apis, calls };
}

/** Firefox: sidebarAction (the manifest's sidebar_action), no sidePanel. */
function firefox(options: { closedTab?: number } = {}) {
  const calls: unknown[] = [];
  const listeners: (() => void)[] = [];
  const apis: SidePanelApis = {
    runtime: { getURL: (path) => `${BASE}${path}` },
    sidebarAction: {
      setPanel: async (details) => {
        if (details.tabId === options.closedTab) throw new Error('Invalid tab ID');
        calls.push(['panel', details]);
      },
      toggle: async () => void calls.push(['toggle']),
    },
    action: { onClicked: { addListener: (listener) => void listeners.push(listener) } },
  };
  return { apis, calls, listeners };
}

describe('the panel beside the page', () => {
  test('a meeting tab gets a panel that knows its tab, others the default one', () => {
    expect(panelPath(42)).toBe('sidepanel.html?tab=42');
    expect(panelPath(null)).toBe('sidepanel.html');
  });

  test('in Chromium the toolbar icon opens the side panel, and a meeting tab gets its own panel', async () => {
    const { apis, calls } = chromium();
    expect(openPanelOnActionClick(apis)).toBe('side-panel');
    await setTabPanel(apis, 7, true);
    await setTabPanel(apis, 7, false);
    expect(calls).toEqual([
      ['behavior', { openPanelOnActionClick: true }],
      ['options', { tabId: 7, path: 'sidepanel.html?tab=7', enabled: true }],
      ['options', { tabId: 7, path: 'sidepanel.html', enabled: true }],
    ]);
  });

  test('in Firefox the toolbar icon toggles the sidebar, at once inside the click', () => {
    const { apis, calls, listeners } = firefox();
    expect(openPanelOnActionClick(apis)).toBe('sidebar');
    expect(listeners).toHaveLength(1);
    listeners[0]?.();
    // Synchronously: Firefox only lets a user action open the sidebar.
    expect(calls).toEqual([['toggle']]);
  });

  test('in Firefox a meeting tab gets a sidebar panel of its own, and leaving the hosts drops it', async () => {
    const { apis, calls } = firefox();
    await setTabPanel(apis, 7, true);
    await setTabPanel(apis, 7, false);
    expect(calls).toEqual([
      ['panel', { tabId: 7, panel: `${BASE}/sidepanel.html?tab=7` }],
      ['panel', { tabId: 7, panel: null }],
    ]);
  });

  test('a tab that closed meanwhile is no error', async () => {
    const { apis } = firefox({ closedTab: 9 });
    await expect(setTabPanel(apis, 9, true)).resolves.toBeUndefined();
  });

  test('a browser with neither panel API keeps its default', async () => {
    const apis: SidePanelApis = { runtime: { getURL: (path) => path } };
    expect(openPanelOnActionClick(apis)).toBe('none');
    await expect(setTabPanel(apis, 1, true)).resolves.toBeUndefined();
  });
});
