import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const EXTENSION_PATH = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** The system Chromium (Debian's package) or CHROMIUM_PATH. A missing browser fails the run. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH. End-to-end tests never skip.`,
    );
  }
  return path;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** Open the panel page in a tab, as the side panel would show it. */
  openPanel(query?: string): Promise<Page>;
  /** Close the browser; the profile stays unless `removeProfile`. */
  close(options?: { removeProfile?: boolean }): Promise<void>;
}

/** The extension's service worker (the background), where tests reach the browser's APIs. */
export function worker(b: ExtensionBrowser): Worker {
  const w = b.context.serviceWorkers()[0];
  if (!w) throw new Error('no service worker');
  return w;
}

/**
 * Chromium with the built extension loaded, in a profile of its own. Pass the same
 * `userDataDir` again to reopen a browser on the same profile ("close and reopen").
 */
export async function launchExtension(
  options: {
    userDataDir?: string;
    extensionPath?: string;
    /**
     * Host permissions granted at install, in a copy of the build: what a user's "Allow" in
     * the browser's permission prompt would grant (automation cannot click that prompt).
     */
    preGrantedOrigins?: string[];
    /**
     * The browser's language (default en-US, whatever the machine's locale): `--lang` picks
     * the extension's messages, Playwright's `locale` the UI language pages and Intl see —
     * headless Chromium on Linux needs both to be a browser in that language.
     */
    lang?: string;
  } = {},
): Promise<ExtensionBrowser> {
  let extensionPath = options.extensionPath ?? EXTENSION_PATH;
  let copy: string | undefined;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build\` first.`);
  }
  if (options.preGrantedOrigins) {
    copy = mkdtempSync(join(tmpdir(), 'tandem-ext-'));
    cpSync(extensionPath, copy, { recursive: true });
    const manifestPath = join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.host_permissions = [...manifest.host_permissions, ...options.preGrantedOrigins];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    extensionPath = copy;
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const lang = options.lang ?? 'en-US';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    locale: lang,
    args: [
      `--lang=${lang}`,
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    async openPanel(query = '') {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html${query}`);
      return page;
    },
    async close({ removeProfile = false } = {}) {
      await context.close();
      if (removeProfile) rmSync(userDataDir, { recursive: true, force: true });
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}
