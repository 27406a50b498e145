import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { measureSizes } from '../../scripts/bench/sizes';
import { EXTENSION_PATH } from './fixtures';

// What runs on people's calendar and call pages must stay tiny: 4 KB gzip per script, and no
// UI framework, database or schema library in it.
describe('the content scripts of the build', () => {
  const scripts = readdirSync(EXTENSION_PATH).filter((name) => /^read-.+\.js$/.test(name));

  test('there is one per host', () => {
    expect(scripts.sort()).toEqual(
      ['google-calendar', 'google-meet', 'jitsi', 'outlook', 'teams', 'whereby', 'zoom'].map(
        (host) => `read-${host}.js`,
      ),
    );
  });

  test.each(scripts)(
    '%s stays within 4 KB gzip and carries no framework, database or zod',
    (name) => {
      const code = readFileSync(join(EXTENSION_PATH, name));
      expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(4096);
      const text = code.toString('utf8');
      for (const marker of [
        'Dexie',
        'IndexedDB',
        'preact',
        '$ZodType',
        'innerHTML',
        'postMessage',
      ]) {
        expect(text, `${name} contains ${marker}`).not.toContain(marker);
      }
    },
  );
});

// The panel's first view: the JavaScript sidepanel.html loads before it paints. 97,831 B gzip -9
// when views still all loaded up front (5b4f534); 93,389 B when issue 17 began; issue 17's
// target is 60 KB: the first view paints from raw IndexedDB reads and Dexie loads after it
// (docs/architecture.md, "The panel's first view"). Views beyond the first load when opened
// (components/lazy-view.tsx), so whatever is added pays for itself.
const FIRST_VIEW_BUDGET = 60 * 1024;

describe("the side panel's first view", () => {
  test('loads at most 60 KB of JavaScript gzip, and no Dexie: the database layer comes after', () => {
    const { panelJs } = measureSizes(EXTENSION_PATH);
    expect(panelJs.gzip).toBeLessThanOrEqual(FIRST_VIEW_BUDGET);
    const code = panelJs.files.map((file) => readFileSync(join(EXTENSION_PATH, file), 'utf8'));
    expect(code.join('\n')).not.toContain('DexieError');
    // …but the build has it, so the check above looks for something that is there.
    const chunks = readdirSync(join(EXTENSION_PATH, 'chunks'));
    expect(
      chunks.some((name) =>
        readFileSync(join(EXTENSION_PATH, 'chunks', name), 'utf8').includes('DexieError'),
      ),
    ).toBe(true);
  });

  test('leaves History, Help, the pair form, the pair page and backup to chunks of their own', () => {
    const { panelJs } = measureSizes(EXTENSION_PATH);
    const chunks = readdirSync(join(EXTENSION_PATH, 'chunks'));
    for (const view of ['history', 'help', 'pair-form', 'pair-details', 'data-section']) {
      const chunk = chunks.find((name) => name.startsWith(`${view}-`));
      expect(chunk, `no chunk of its own for ${view}`).toBeDefined();
      expect(panelJs.files).not.toContain(`chunks/${chunk}`);
    }
  });
});

describe('the Chromium build (Chrome and Edge)', () => {
  test('carries no Firefox settings, and keeps its side panel and Chrome minimum', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
    expect(manifest).not.toHaveProperty('browser_specific_settings');
    expect(manifest).not.toHaveProperty('sidebar_action');
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(manifest.minimum_chrome_version).toBe('116');
  });

  test('no script writes HTML strings into the page (Preact’s innerHTML sink is removed)', () => {
    const files = readdirSync(EXTENSION_PATH, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.js'),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const code = readFileSync(join(EXTENSION_PATH, name), 'utf8');
      expect(code, name).not.toMatch(/\.(innerHTML|outerHTML)\s*=[^=]/);
      expect(code, name).not.toMatch(/insertAdjacentHTML|document\.write\(/);
    }
  });
});
