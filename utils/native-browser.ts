import { browser } from 'wxt/browser';

/**
 * The browser's own extension API, unwrapped: Firefox's `browser`, else Chromium's `chrome`
 * (WXT's pick, which unit tests swap for its fake). For content scripts and for utils that also
 * run in plain Node, where it is undefined; utils/browser.ts says why the rest use the polyfill.
 */
export const nativeBrowser = browser;
