import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { expect } from 'vitest';

export const FIREFOX_EXTENSION_PATH = resolve(import.meta.dirname, '../../.output/firefox-mv3');

/**
 * The add-on's internal UUID, fixed through the `extensions.webextensions.uuids` preference so
 * that its pages have a known address (moz-extension://<uuid>/sidepanel.html).
 */
export const EXTENSION_UUID = '6a1c3f2e-8d4b-4f5a-9e7c-2b1d0a9f8e71';

/** Debian's firefox-esr or FIREFOX_PATH. A missing browser fails the run. */
export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(
      `Firefox not found at ${path}. Install Debian's firefox-esr package (apt-get install -y firefox-esr) or set FIREFOX_PATH. End-to-end tests never skip.`,
    );
  }
  return path;
}

export interface FirefoxManifest {
  manifest_version: number;
  browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
  background: Record<string, unknown>;
  sidebar_action: Record<string, unknown>;
  permissions: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
  [key: string]: unknown;
}

/** The built Firefox manifest (npm run build:firefox). */
export function firefoxManifest(): FirefoxManifest {
  const path = resolve(FIREFOX_EXTENSION_PATH, 'manifest.json');
  if (!existsSync(path)) {
    throw new Error(
      `No Firefox build at ${FIREFOX_EXTENSION_PATH}: run \`npm run build:firefox\`.`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

export interface FirefoxWithTandem {
  browser: Browser;
  addonId: string;
  /** Open the panel page in a tab, as Firefox's sidebar would show it. */
  openPanel(query?: string): Promise<Page>;
  /** The tab id of a page, asked of an extension page (it sees the tabs of the hosts it reads). */
  tabIdOf(url: string): Promise<number>;
  /** Evaluate in an extension page, where `browser` is Firefox's WebExtension API. */
  inExtension<T>(fn: (...args: never[]) => Promise<T> | T, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/**
 * Firefox ESR driven over WebDriver BiDi with the built add-on installed (temporarily, as
 * about:debugging would), in a fresh profile of its own.
 */
export async function launchFirefox(): Promise<FirefoxWithTandem> {
  const manifest = firefoxManifest();
  const addonId = manifest.browser_specific_settings.gecko.id;
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // WebDriver BiDi refuses to navigate a tab to a moz-extension: page unless the remote
    // agent is allowed system access (remote/shared/BrowsingContextUtils.sys.mjs,
    // isWebdriverSafeNavigationURL).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
      // Nothing from the network: no update checks, no remote settings, no telemetry.
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  try {
    const installed = await firefox.installExtension(FIREFOX_EXTENSION_PATH);
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
  } catch (error) {
    await firefox.close();
    throw error;
  }

  let extensionPage: Page | undefined;
  const ff: FirefoxWithTandem = {
    browser: firefox,
    addonId,
    openPanel: (query = '') => openExtensionPage(firefox, `sidepanel.html${query}`),
    async tabIdOf(url) {
      let id: number | undefined;
      await expect
        .poll(async () => {
          id = await ff.inExtension(async (wanted: string) => {
            const tabs = await browser.tabs.query({});
            return tabs.find((t) => t.url === wanted)?.id;
          }, url);
          return id;
        })
        .toBeTypeOf('number');
      return id as number;
    },
    async inExtension(fn, ...args) {
      extensionPage ??= await openExtensionPage(firefox, 'options.html');
      return extensionPage.evaluate(fn as (...a: unknown[]) => unknown, ...args) as never;
    },
    close: () => firefox.close(),
  };
  return ff;
}

/**
 * Open one of the add-on's pages in a new tab. Firefox's remote agent sends no navigation or
 * realm events for extension documents (they are skipped until it can debug extensions, bug
 * 1755014), so the navigation is started without waiting for it, and the page counts as open
 * once Preact has rendered into it.
 */
export async function openExtensionPage(firefox: Browser, path: string): Promise<Page> {
  const page = await firefox.newPage();
  const url = `moz-extension://${EXTENSION_UUID}/${path}`;
  void page.goto(url, { timeout: 5_000 }).catch(() => undefined);
  await settle(
    page,
    (wanted) => location.href === wanted && document.querySelector('#app > *') !== null,
    url,
  );
  return page;
}

/** Reload an extension page, as the browser's reload does (see openExtensionPage). */
export async function reloadExtensionPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as { beforeReload?: boolean }).beforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  await settle(
    page,
    () =>
      !(window as { beforeReload?: boolean }).beforeReload &&
      document.querySelector('#app > *') !== null,
    null,
  );
}

/**
 * Wait until `ready` holds in the page's current document, then make Puppeteer forget what it
 * injected into the document before. Without realm events Puppeteer would keep using its
 * helpers (and its ARIA query bindings) from the old document, which is gone; announcing the
 * realms as updated is what a `script.realmCreated` event would have done (puppeteer-core
 * 24.43.1, bidi/core/Realm.js). Polls with plain evaluations: one that lands while the document
 * is being replaced fails inside Firefox's remote agent, and is simply tried again.
 */
async function settle(
  page: Page,
  ready: (arg: string | null) => boolean,
  arg: string | null,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const done = await page.evaluate(ready, arg).catch(() => false);
    if (done === true) break;
    if (Date.now() > deadline) throw new Error(`the extension page did not load: ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const frame = page.mainFrame() as unknown as Record<string, () => { realm?: RealmEvents }>;
  for (const name of ['mainRealm', 'isolatedRealm']) {
    const realm = frame[name]?.().realm;
    if (typeof realm?.emit !== 'function') {
      throw new Error(`puppeteer-core changed: no ${name}().realm to refresh (see settle())`);
    }
    realm.emit('updated', realm);
  }
}

interface RealmEvents {
  emit(event: string, value: unknown): void;
}

/**
 * Answer a tab's requests from saved pages: the URLs given get their page, anything else an
 * empty 404, so no test ever reaches the network. Request interception over WebDriver BiDi
 * (network.addIntercept / provideResponse): the page loads at its real https address, so the
 * add-on's real content script runs on it.
 */
export async function serve(page: Page, pages: Record<string, string>): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const body = pages[request.url().split('#')[0] ?? ''];
    void (body === undefined
      ? request.respond({ status: 404, contentType: 'text/plain', body: '' })
      : request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  });
}

// Firefox's WebExtension API, as seen inside an extension page (page.evaluate).
declare const browser: typeof import('wxt/browser').browser;
