import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/fixtures/hosts/, where the saved pages and their expectations live. */
// A path, not new URL(…, import.meta.url): happy-dom replaces the URL global in these tests.
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/hosts/');

/** A fixture page's HTML, by its path under tests/fixtures/hosts/. */
export function fixtureHtml(file: string): string {
  return readFileSync(fixturesDir + file, 'utf8');
}

/** Parses HTML the way a browser would (needs the happy-dom test environment). */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A fixture page as a Document, by its path under tests/fixtures/hosts/. */
export function loadFixture(file: string): Document {
  return parseHtml(fixtureHtml(file));
}

/** One entry of expected.json / expected-extra.json. */
export interface FixtureCase {
  file: string;
  url: string;
  /** What the parser must read; `event: null` means no meeting on the page. */
  required?: Record<string, unknown>;
  /** What it must read when it can (asserted too: the parsers can). */
  bestEffort?: Record<string, unknown>;
  /** `null`: the parser must return null (not one of Tandem's pages). Extra fixtures only. */
  result?: null;
  note?: string;
}

/** Every fixture with its expectations: the saved host pages, then Tandem's own. */
export function fixtureCases(): FixtureCase[] {
  return ['expected.json', 'expected-extra.json'].flatMap(
    (file) => (JSON.parse(fixtureHtml(file)) as { fixtures: FixtureCase[] }).fixtures,
  );
}
