import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import { type ExtensionBrowser, worker } from './fixtures';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/hosts');

/**
 * Serve a saved host page at its real address: Playwright answers the request with the
 * fixture, so the extension's real content script runs on the real URL (no network here).
 */
export async function serveFixture(
  context: BrowserContext,
  url: string,
  file: string,
): Promise<void> {
  const body = readFileSync(resolve(FIXTURES, file), 'utf8');
  await context.route(
    (candidate) => candidate.href.split('#')[0] === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

export async function openHostPage(
  context: BrowserContext,
  url: string,
  file: string,
): Promise<Page> {
  await serveFixture(context, url, file);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** A saved host page opened in a tab, and the panel of that tab (`?tab=<id>`), as the side panel shows it. */
export async function panelBesideHostPage(
  b: ExtensionBrowser,
  url: string,
  file: string,
): Promise<Page> {
  await openHostPage(b.context, url, file);
  return b.openPanel(`?tab=${await tabIdOf(worker(b), url)}`);
}

/** The browser's tab id of a page, asked of the service worker (it sees host tabs' URLs). */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(async () => {
      id = await worker.evaluate(async (wanted) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === wanted)?.id;
      }, url);
      return id;
    })
    .toBeTypeOf('number');
  return id as number;
}

/** What the background keeps for a tab (storage.session), asked of the service worker. */
export function storedContext(worker: Worker, tabId: number): Promise<unknown> {
  return worker.evaluate(
    async (key) => (await chrome.storage.session.get(key))[key] ?? null,
    `tab-context:${tabId}`,
  );
}

declare const chrome: typeof import('wxt/browser').browser;
