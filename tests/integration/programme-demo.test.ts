import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programmeSummary } from '@tandem/protocol/programme';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY_WORDS, type Demo, PAIRS, startDemo } from '../../scripts/programme-demo/demo';

/*
 * The canary: the demo pairs' notes, goals, feedback and agreements are full of words that are
 * theirs alone. None of them may appear in anything that left the pairs (every request body),
 * in any file of the sidecar, or in any page or download of the dashboard.
 */
describe('programme demo', () => {
  let demo: Demo;
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-programme-canary-'));

  beforeAll(async () => {
    demo = await startDemo({ dataDir, now: new Date('2026-12-04T12:00:00Z') });
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const response = await fetch(`${demo.url}${path}`, {
      headers: { authorization: `Bearer ${demo.operatorToken}` },
    });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const leaks = (text: string) => CANARY_WORDS.filter((word) => text.includes(word));

  test('12 pairs report through the extension’s own code; the dashboard has figures', async () => {
    const summary = programmeSummary.parse(
      JSON.parse(await get(`/programmes/${demo.programme.id}/summary`)),
    );
    expect(summary.enrolled).toBe(PAIRS);
    expect(summary.active).toBe(PAIRS);
    // The first month only four pairs had joined: too few to show; later months show.
    expect(summary.months[0]).toEqual({ period: '2026-07', sessions: null, rhythmKept: null });
    expect(summary.months[1]?.sessions).toBeGreaterThan(0);
    expect(summary.usefulness.every((n) => n !== null)).toBe(true);
    // A report per pair and closed month: 4 pairs × 5 + 4 × 4 + 4 × 3, plus 12 enrolments
    // and the programme itself.
    expect(demo.sent.length).toBe(1 + PAIRS + 4 * 5 + 4 * 4 + 4 * 3);
  });

  test('no word of the pairs is in a request, a server file or a dashboard page', async () => {
    expect(leaks(demo.sent.join('\n'))).toEqual([]);
    const files = readdirSync(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(leaks(readFileSync(join(dataDir, file)).toString('latin1')), file).toEqual([]);
    }
    const id = demo.programme.id;
    const pages = await Promise.all(
      [
        '/dashboard',
        '/dashboard/app.js',
        '/dashboard/style.css',
        '/programmes',
        `/programmes/${id}/summary`,
        `/programmes/${id}/summary?from=2026-11&to=2026-11`,
        `/programmes/${id}/summary.csv`,
      ].map(get),
    );
    expect(leaks(pages.join('\n'))).toEqual([]);
    // The canary is real: the words are in the records the reports were computed from.
    const { demoPair } = await import('../../scripts/programme-demo/demo');
    expect(JSON.stringify(demoPair(3, demo.programme, new Date()))).toContain(CANARY_WORDS[3]);
  });
});
