import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const STORE = resolve(import.meta.dirname, '../../store');

/** Width and height from a PNG's header (the IHDR chunk that every PNG starts with). */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('store listing', () => {
  const listing = readFileSync(resolve(STORE, 'listing.md'), 'utf8');

  test('has a summary short enough for the stores, a description and the permissions explained', () => {
    const summary = listing
      .split('## Summary')[1]
      ?.split('\n')
      .find((l) => l && !l.startsWith('('));
    expect(summary?.trim().length).toBeGreaterThan(20);
    expect(summary?.trim().length).toBeLessThanOrEqual(132);
    for (const section of ['## Description', '## Screenshots', '## Permissions', '## Privacy']) {
      expect(listing).toContain(section);
    }
  });

  test('every screenshot it names is there, at 1280x800, and none is left out', () => {
    const named = [...listing.matchAll(/`(screenshots\/[\w-]+\.png)`/g)].map((m) => m[1]);
    const files = readdirSync(resolve(STORE, 'screenshots')).map((f) => `screenshots/${f}`);
    expect(named.sort()).toEqual(files.sort());
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) expect(pngSize(resolve(STORE, file)), file).toEqual([1280, 800]);
  });
});
