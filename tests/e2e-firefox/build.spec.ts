import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import addonsLinter from 'addons-linter';
import JSZip from 'jszip';
import { afterAll, describe, expect, test } from 'vitest';
import { zip } from 'wxt';
import { allHostMatches } from '../../utils/context/host-matches';
import { FIREFOX_EXTENSION_PATH, firefoxManifest } from './firefox';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the Firefox build', () => {
  test('is Manifest V3 with a fixed add-on id, the panel as a sidebar, an event page and only the permissions it needs', () => {
    const manifest = firefoxManifest();
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings).toEqual({
      gecko: {
        id: 'tandem@tandem-mentoring',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    });
    // Firefox's MV3 background is an event page, not a service worker.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(manifest.options_ui).toMatchObject({ page: 'options.html' });
    // Chromium's side panel and its permission, and Chrome's minimum version, stay out.
    expect(manifest).not.toHaveProperty('side_panel');
    expect(manifest).not.toHaveProperty('minimum_chrome_version');
    expect([...manifest.permissions].sort()).toEqual([
      'alarms',
      'scripting',
      'storage',
      'unlimitedStorage',
    ]);
    expect([...manifest.host_permissions].sort()).toEqual(allHostMatches().sort());
    expect(manifest.optional_host_permissions).toEqual([
      'https://*/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ]);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });

  test("passes Mozilla's addons-linter with no errors, warnings or notices", async () => {
    const linter = addonsLinter.createInstance({
      config: {
        _: [FIREFOX_EXTENSION_PATH],
        logLevel: 'fatal',
        stack: false,
        pretty: false,
        warningsAsErrors: false,
        metadata: false,
        output: 'none',
        boring: true,
        selfHosted: false,
      },
      runAsBinary: false,
    });
    const result = await linter.run();
    const messages = [...result.errors, ...result.warnings, ...result.notices].map(
      (m: { code: string; message: string; file?: string }) =>
        `${m.code} ${m.file ?? ''}: ${m.message}`,
    );
    expect(messages).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, notices: 0 });
  });
});

describe('the store zips', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'tandem-zip-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  test('the Firefox zip is the add-on, and the sources zip for AMO has what builds it and nothing else', async () => {
    // The same zip as `npm run zip` (wxt zip -b firefox --mv3), into a folder of its own so
    // that the Firefox build the other tests load is left alone.
    const zips = await zip({
      root: ROOT,
      browser: 'firefox',
      manifestVersion: 3,
      outDir,
    });
    const names = zips.map((path) => basename(path)).sort();
    expect(names).toEqual(['tandem-0.1.0-firefox.zip', 'tandem-0.1.0-sources.zip']);

    const addon = await JSZip.loadAsync(readFileSync(join(outDir, 'tandem-0.1.0-firefox.zip')));
    const manifest = JSON.parse((await addon.file('manifest.json')?.async('string')) ?? '{}');
    expect(manifest.browser_specific_settings.gecko.id).toBe('tandem@tandem-mentoring');
    expect(Object.keys(addon.files)).toEqual(
      expect.arrayContaining(['background.js', 'sidepanel.html', 'options.html', 'read-jitsi.js']),
    );

    const sources = await JSZip.loadAsync(readFileSync(join(outDir, 'tandem-0.1.0-sources.zip')));
    const files = Object.keys(sources.files).filter((name) => !sources.files[name]?.dir);
    // Enough to build the add-on the same way: npm install, npm run build:firefox.
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        'tsconfig.json',
        'wxt.config.ts',
        'README.md',
        'scripts/preact-without-html.ts',
        'entrypoints/background.ts',
        'entrypoints/sidepanel/index.html',
        'components/app.tsx',
        'utils/data/db.ts',
        'public/icon/128.png',
      ]),
    );
    const strays = files.filter((name) =>
      /^(node_modules|\.|tests\/|sidecar\/|docs\/|test-results\/)|\/node_modules\/|^scripts\/(?!preact-without-html\.ts$)|^vitest\./.test(
        name,
      ),
    );
    expect(strays).toEqual([]);
  }, 180_000);
});
