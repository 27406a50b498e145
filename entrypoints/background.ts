import { defineBackground } from 'wxt/utils/define-background';
import { forgetTab, onContextMessage, onTabLoading, senderOf } from '../utils/background/contexts';
import { browserPanelApis, openPanelOnActionClick } from '../utils/background/side-panel';
import { browser, type Runtime } from '../utils/browser';
import { browserCustomHostApis, syncJitsiServers } from '../utils/context/custom-hosts';
import { browserCommandApis, relayCommand } from '../utils/panel/commands';
import { configureZodMessages } from '../utils/schema/zod-messages';
import { customJitsiOriginsStore } from '../utils/settings';
import { startBackgroundSync } from '../utils/sync/background-sync';

// Wiring only (STYLE.md §1): the background calls named functions and decides nothing.
export default defineBackground(() => {
  // zod's messages in the language of Tandem's words (sync and import errors say why).
  configureZodMessages();
  // Each time the background starts (Chromium's service worker, Firefox's event page):
  // clicking the toolbar icon opens the side panel, or toggles Firefox's sidebar.
  openPanelOnActionClick(browserPanelApis());

  // Keyboard shortcuts (add an action item, next prompt): open the panel and tell it.
  browser.commands.onCommand.addListener(
    (command, tab) => void relayCommand(command, tab, browserCommandApis),
  );

  // The sender classified first (utils/background/sender.ts): a refused message changes nothing. The
  // reply, always empty, comes once the message is applied or dropped.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    onContextMessage(message, sender),
  );
  // Registered content scripts do not survive an update: register the granted Jitsi servers.
  const customHosts = browserCustomHostApis(browser, customJitsiOriginsStore);
  browser.runtime.onInstalled.addListener(() => void syncJitsiServers(customHosts));
  browser.runtime.onStartup.addListener(() => void syncJitsiServers(customHosts));
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') void onTabLoading(tabId, tab.url);
  });
  // Shared pairs: push on change, pull on start, on the alarm and on the sidecar's events.
  const sync = startBackgroundSync(browser.alarms);
  browser.alarms.onAlarm.addListener((alarm) => sync.onAlarm(alarm.name));
  browser.runtime.onConnect.addListener((port) => sync.onConnect(port, senderOf(port.sender)));
});
