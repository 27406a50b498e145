import { browser, chromiumSidePanel } from '../browser';

/**
 * The panel beside the page, in both browser families: Chromium's (Chrome, Edge) `sidePanel`
 * and Firefox's `sidebarAction` (the manifest's sidebar_action). Plain functions over the APIs
 * they need, so that a unit test can hand them either family's fakes; which family it is shows
 * by which API exists.
 */
export interface SidePanelApis {
  runtime: { getURL(path: string): string };
  /** Chromium. */
  sidePanel?: {
    setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
    setOptions(options: { tabId?: number; path?: string; enabled?: boolean }): Promise<void>;
  };
  /** Firefox. */
  sidebarAction?: {
    setPanel(details: { tabId?: number; panel: string | null }): Promise<void>;
    toggle(): Promise<void>;
  };
  action?: { onClicked: { addListener(listener: () => void): void } };
}

/** The panel page a tab shows: its own (`?tab=<id>`) for a meeting tab, else the default. */
export function panelPath(tabId: number | null): string {
  return tabId === null ? 'sidepanel.html' : `sidepanel.html?tab=${tabId}`;
}

export type PanelOpener = 'side-panel' | 'sidebar' | 'none';

/**
 * Clicking the toolbar icon opens the panel: Chromium does it itself once told; Firefox's
 * sidebar is toggled from the click (sidebarAction.toggle must be called synchronously inside
 * the user's click, so the listener calls it before anything else). Call this each time the
 * background starts: the listener must be registered in the first turn of an event page.
 */
export function openPanelOnActionClick(apis: SidePanelApis): PanelOpener {
  const { sidePanel, sidebarAction, action } = apis;
  if (sidePanel) {
    void sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
    return 'side-panel';
  }
  if (sidebarAction && action) {
    action.onClicked.addListener(() => {
      void sidebarAction.toggle();
    });
    return 'sidebar';
  }
  return 'none';
}

/**
 * Give a meeting tab a panel of its own that knows its tab, or give the tab back the default
 * panel (which follows the active tab) when it leaves the meeting hosts.
 */
export async function setTabPanel(
  apis: SidePanelApis,
  tabId: number,
  meeting: boolean,
): Promise<void> {
  try {
    if (apis.sidePanel) {
      await apis.sidePanel.setOptions({
        tabId,
        path: panelPath(meeting ? tabId : null),
        enabled: true,
      });
    } else if (apis.sidebarAction) {
      // Firefox: a tab-specific panel is a full URL; null drops it, so the tab shows the
      // sidebar's default panel again.
      await apis.sidebarAction.setPanel({
        tabId,
        panel: meeting ? apis.runtime.getURL(`/${panelPath(tabId)}`) : null,
      });
    }
  } catch {
    // The tab closed meanwhile.
  }
}

/** The running browser's APIs: Chromium's side panel, or Firefox's sidebar. */
export function browserPanelApis(): SidePanelApis {
  return {
    runtime: browser.runtime,
    sidePanel: chromiumSidePanel,
    sidebarAction: browser.sidebarAction,
    action: browser.action,
  };
}
