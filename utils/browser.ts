/**
 * How Tandem reaches the extension API, one way per kind of context:
 *
 * - The background and the extension's pages (panel, options) import `browser` from here:
 *   webextension-polyfill, which is Firefox's own `browser` there and a promise-based wrapper of
 *   Chromium's `chrome` — the one that lets a runtime.onMessage listener answer by returning a
 *   promise (the background's page-context listener does) in both families.
 * - Content scripts, and utils that run in every context and in plain Node (utils/i18n.ts), use
 *   the browser's own global through utils/native-browser.ts: the polyfill costs a content
 *   script 2.7 KB gzip of its 4 KB budget, it would throw outside an extension, and what they
 *   call (runtime.sendMessage, i18n.getMessage) needs no wrapping.
 *
 * Nothing else imports webextension-polyfill or wxt/browser.
 */
import browser from 'webextension-polyfill';
import type { Browser as NativeTypes } from 'wxt/browser';

export type { Runtime } from 'webextension-polyfill';
export { browser };

/**
 * Chromium's side panel. The polyfill hands it through untouched (it wraps only the APIs it
 * knows) but its types, written from Firefox's schemas, do not have it. Absent in Firefox,
 * whose sidebar is `browser.sidebarAction`.
 */
export const chromiumSidePanel = (browser as { sidePanel?: typeof NativeTypes.sidePanel })
  .sidePanel;
