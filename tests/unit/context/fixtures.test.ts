// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { hosts, parsePage } from '../../../utils/context';
import { expectFields, expectValidContext } from './expect-context';
import { fixtureCases, loadFixture } from './load-fixture';

// Every saved page in tests/fixtures/hosts/, read at its URL through the registry (what a content
// script's host resolves to) and through its host's own parser (what the content script runs).
// expected.json holds the hosts' pages, expected-extra.json Tandem's own: other languages,
// broken and hostile pages. bestEffort fields are asserted too: the parsers can read them.

describe.each(fixtureCases())('$file', (fixture) => {
  const hostId = fixture.file.split('/')[0];
  const spec = hosts.find((host) => host.id === hostId);
  const url = new URL(fixture.url);

  test('is a fixture of a known host, with expectations', () => {
    expect(spec, `a host named like the folder ${hostId}`).toBeDefined();
    expect(fixture.result === null || fixture.required !== undefined).toBe(true);
    if (fixture.required) expect(fixture.required.host).toBe(hostId);
  });

  for (const [via, parse] of [
    ['the registry', parsePage],
    ["the host's own parser", (doc: Document, at: URL) => spec?.parse(doc, at) ?? null],
  ] as const) {
    test(`${via} reads what the page shows`, () => {
      const context = parse(loadFixture(fixture.file), url);
      expectValidContext(context);
      if (fixture.result === null) {
        expect(context).toBeNull();
        return;
      }
      expectFields(context, { ...fixture.required, ...fixture.bestEffort });
      // Never the query or fragment: Zoom's and Teams' carry passwords.
      expect(context?.url).toBe(url.origin + url.pathname);
    });
  }
});
