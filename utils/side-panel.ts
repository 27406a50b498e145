import { browser } from 'wxt/browser';

/**
 * The toolbar icon opens the side panel (Chromium's sidePanel API). Browsers without it
 * (Firefox uses sidebar_action) keep their default.
 */
export async function openPanelOnActionClick(): Promise<boolean> {
  if (!browser.sidePanel?.setPanelBehavior) return false;
  await browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  return true;
}
