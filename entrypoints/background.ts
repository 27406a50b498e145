import 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { openPanelOnActionClick } from '../utils/side-panel';

// Wiring only (STYLE.md §1): the background calls named functions and decides nothing.
export default defineBackground(() => {
  // Each time the service worker starts: clicking the toolbar icon opens the side panel.
  void openPanelOnActionClick();
});
