import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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
  // The same zips as `npm run zip` (wxt zip -b firefox --mv3), into a folder of their own so
  // that the Firefox build the other tests load is left alone; made once for both tests.
  let zipped: Promise<string[]> | undefined;
  const firefoxZips = () => {
    zipped ??= zip({ root: ROOT, browser: 'firefox', manifestVersion: 3, outDir });
    return zipped;
  };

  test('the Firefox zip is the add-on, and the sources zip for AMO has what builds it and nothing else', async () => {
    const zips = await firefoxZips();
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
        // The sync protocol the extension bundles is a workspace package of its own.
        'protocol/package.json',
        'protocol/src/protocol.ts',
      ]),
    );
    const strays = files.filter((name) =>
      /^(node_modules|\.|tests\/|sidecar\/|docs\/|test-results\/)|\/node_modules\/|^scripts\/(?!preact-without-html\.ts$)|^vitest\./.test(
        name,
      ),
    );
    expect(strays).toEqual([]);
  }, 180_000);

  test('the sources zip builds the add-on without the sidecar: nothing in it needs fastify, SQLite or PostgreSQL', async () => {
    await firefoxZips();
    const sources = await JSZip.loadAsync(readFileSync(join(outDir, 'tandem-0.1.0-sources.zip')));
    const unzipped = mkdtempSync(join(tmpdir(), 'tandem-sources-'));
    try {
      for (const [name, entry] of Object.entries(sources.files)) {
        if (entry.dir) continue;
        mkdirSync(dirname(join(unzipped, name)), { recursive: true });
        writeFileSync(join(unzipped, name), await entry.async('nodebuffer'));
      }
      const serverOnly = ['better-sqlite3', 'pg', 'fastify', '@tandem/sidecar'];
      // No package in the zip asks for the sidecar's dependencies…
      for (const manifest of ['package.json', 'protocol/package.json']) {
        const { dependencies = {}, devDependencies = {} } = JSON.parse(
          readFileSync(join(unzipped, manifest), 'utf8'),
        );
        const wanted = Object.keys({ ...dependencies, ...devDependencies });
        expect(
          wanted.filter((name) => serverOnly.includes(name)),
          manifest,
        ).toEqual([]);
      }
      // …no source imports them…
      const importers = Object.keys(sources.files).filter((name) => {
        if (!/\.(ts|tsx|mjs|js)$/.test(name)) return false;
        const text = readFileSync(join(unzipped, name), 'utf8');
        return /from '(better-sqlite3|pg|fastify|@tandem\/sidecar)'/.test(text);
      });
      expect(importers).toEqual([]);
      // The add-on builds from the zip: the installed packages are borrowed (linked one by one
      // from this checkout's node_modules), except @tandem/protocol, which is the zip's own copy.
      const modules = join(unzipped, 'node_modules');
      mkdirSync(join(modules, '@tandem'), { recursive: true });
      for (const name of readdirSync(join(ROOT, 'node_modules'))) {
        if (name.startsWith('.') || name === '@tandem' || serverOnly.includes(name)) continue;
        symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
      }
      symlinkSync(join(unzipped, 'protocol'), join(modules, '@tandem', 'protocol'));
      const build = spawnSync(
        process.execPath,
        [join(modules, 'wxt', 'bin', 'wxt.mjs'), 'build', '-b', 'firefox', '--mv3'],
        { cwd: unzipped, encoding: 'utf8', timeout: 240_000 },
      );
      expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
      const built = JSON.parse(
        readFileSync(join(unzipped, '.output', 'firefox-mv3', 'manifest.json'), 'utf8'),
      );
      expect(built.browser_specific_settings.gecko.id).toBe('tandem@tandem-mentoring');
      expect(existsSync(join(unzipped, '.output', 'firefox-mv3', 'background.js'))).toBe(true);
    } finally {
      rmSync(unzipped, { recursive: true, force: true });
    }
  }, 420_000);
});
