// The search latency per keystroke, in the panel of a profile seeded by history-seed.ts: typing
// queries one key at a time, from the input event to the results in the DOM and to the frame
// that paints them (the `tandem:search-commit` and `tandem:search` measures of
// components/search-results.tsx), against the same keystrokes into a plain input (the floor) and a raw
// IndexedDB get; and the search (utils/search/search.ts) timed alone in the same page, to tell
// loading the index, matching and loading the shown texts apart.
import { describePage, type ExtensionBrowser, openPanel, PAGE_TIMEOUT } from './browser.ts';
import { RARE_WORD } from './history-seed.ts';
import { injectHelpers, type PageHelpers } from './project.ts';
import { median } from './stats.ts';

export const QUERIES = [RARE_WORD, 'feedback', 'launch plan'];
export const SEARCH_MEASURE = 'tandem:search';
const SEARCH_LABEL = 'Search notes, agendas, action items and reflections of all pairs';
/** The hits the panel reads and paints first (components/search-results.tsx FIRST_HITS). */
const FIRST_HITS = 12;
/** Rounds of the search alone per prefix (after one warm-up round); the median is kept. */
const ALONE_ROUNDS = 3;

/** What the search's callbacks keep on the page's globalThis. */
type SearchGlobals = {
  __lastInput: number;
  __plainFrame: Promise<number>;
  __tandemBench: PageHelpers;
};

/** The search alone, per prefix: per round its matching and text loading times. */
interface AloneRow {
  query: string;
  matchMs: number[];
  textMs: number[];
  matched: number;
  hits: number;
}

interface Keystroke {
  query: string;
  first: boolean;
  inputToFrameMs: number;
  inputToDomMs: number;
  inputToSearchStartMs: number;
  effectToFrameMs: number;
}

export const SEARCH_COMMIT_MEASURE = 'tandem:search-commit';

/**
 * Opens a panel and waits until its search worker saved the index's snapshot in each database
 * (a snapshot there and no log entry after it), then closes it.
 */
async function waitForSnapshot(browser: ExtensionBrowser, names: string[]): Promise<void> {
  const { page, errors } = await openPanel(browser);
  try {
    await page.waitForFunction(
      async (names) => {
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        for (const name of names) {
          const db = await request(indexedDB.open(name));
          try {
            const tx = db.transaction(['searchSnapshot', 'searchLog'], 'readonly');
            const snapshot = await request(tx.objectStore('searchSnapshot').get('index'));
            const log = await request(tx.objectStore('searchLog').count());
            if (!snapshot || log > 0) return false;
          } finally {
            db.close();
          }
        }
        return true;
      },
      names,
      { timeout: PAGE_TIMEOUT, polling: 100 },
    );
  } catch {
    throw new Error(`No search snapshot was saved.${await describePage(page, errors)}`);
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Types each query one key at a time into the panel's search box. Per keystroke, from the
 * input event (its timeStamp, taken by a capturing listener) to the results in the DOM (the
 * `tandem:search-commit` measure's end) and to the frame that paints them (the
 * `tandem:search` measure's end, in a requestAnimationFrame callback after the commit).
 * Baselines in the same page: the same keystrokes into a plain input that does nothing (input
 * event to next frame: the floor any keystroke pays) and a raw IndexedDB get by primary key.
 * Then the search alone (utils/search/search.ts LiveSearch on its own connections): loading the
 * index, and per prefix the matching in memory and the loading of the shown records' texts.
 */
export async function measureSearch(
  browser: ExtensionBrowser,
  {
    helpers,
    sampleNoteIds,
    sharedDbName,
    privateDbName,
    rareNotes,
    log,
  }: {
    helpers: string;
    sampleNoteIds: string[];
    sharedDbName: string;
    privateDbName: string;
    rareNotes: number;
    log: (...args: unknown[]) => void;
  },
) {
  // A panel opened before this one loaded the index and saved its snapshot, as any panel but
  // the very first after installing (that one reads every row: breakdown.indexColdLoadMs).
  await waitForSnapshot(browser, [sharedDbName, privateDbName]);

  // Every long task (over 50 ms, as the browser reports them) on the panel page from its first
  // script on: loading the panel, then the search index, then the typing.
  const { page, errors } = await openPanel(browser, {
    beforeOpen: (p) =>
      p.addInitScript(() => {
        const g = globalThis as unknown as { __longTasks: number[] };
        g.__longTasks = [];
        try {
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) g.__longTasks.push(entry.duration);
          }).observe({ type: 'longtask', buffered: true });
        } catch {
          // No long task timing in this browser: reported as null.
          (g as { __longTasks: number[] | null }).__longTasks = null;
        }
      }),
  });
  try {
    await page.evaluate(() => {
      const g = globalThis as unknown as SearchGlobals;
      g.__lastInput = 0;
      document.addEventListener(
        'input',
        (e) => {
          g.__lastInput = e.timeStamp;
        },
        true,
      );
    });
    const input = page.getByRole('searchbox', { name: SEARCH_LABEL });
    await input.waitFor({ timeout: PAGE_TIMEOUT });
    const measures = () =>
      page.evaluate((name) => performance.getEntriesByName(name).length, SEARCH_MEASURE);
    const keystrokes: Keystroke[] = [];
    const queries: {
      query: string;
      keystrokes: number;
      results: number;
      privateResults: number;
      status: string;
    }[] = [];
    for (const [q, query] of QUERIES.entries()) {
      const first = keystrokes.length;
      await input.fill('');
      await page.waitForFunction(() => !document.querySelector('[data-testid="search-results"]'));
      await input.focus();
      // The first query starts right after the box gets focus, as a user would (the index
      // loads from the focus on); later ones after a pause.
      if (q > 0) await page.waitForTimeout(300);
      for (let i = 0; i < query.length; i += 1) {
        const before = await measures();
        await page.keyboard.type(query[i] as string);
        try {
          await page.waitForFunction(
            ({ name, before }) => performance.getEntriesByName(name).length > before,
            { name: SEARCH_MEASURE, before },
            { timeout: PAGE_TIMEOUT, polling: 20 },
          );
        } catch {
          throw new Error(
            `No '${SEARCH_MEASURE}' measure after typing ${JSON.stringify(query.slice(0, i + 1))}.${await describePage(page, errors)}`,
          );
        }
        const entry = await page.evaluate(
          ({ frame, commit }) => {
            const f = performance.getEntriesByName(frame).at(-1) as PerformanceEntry;
            const c = performance.getEntriesByName(commit).at(-1) as PerformanceEntry;
            return {
              effectToFrame: f.duration,
              frameEnd: f.startTime + f.duration,
              commitEnd: c.startTime + c.duration,
              searchStart: c.startTime,
              input: (globalThis as unknown as SearchGlobals).__lastInput,
            };
          },
          { frame: SEARCH_MEASURE, commit: SEARCH_COMMIT_MEASURE },
        );
        keystrokes.push({
          query: query.slice(0, i + 1),
          first: q === 0 && i === 0,
          inputToFrameMs: entry.frameEnd - entry.input,
          inputToDomMs: entry.commitEnd - entry.input,
          inputToSearchStartMs: entry.searchStart - entry.input,
          effectToFrameMs: entry.effectToFrame,
        });
        await page.waitForTimeout(40); // a fast typist: the previous search is long done
      }
      // The rest of the hits follow the first frame.
      await page.waitForTimeout(100);
      const found = await page.evaluate(() => ({
        hits: document.querySelectorAll('[data-testid="search-hit"]').length,
        private: [...document.querySelectorAll('[data-testid="search-hit"] .badge')].filter((b) =>
          b.textContent?.includes('private'),
        ).length,
        status:
          document.querySelector('[data-testid="search-results"] [role="status"]')?.textContent ??
          '',
      }));
      const typed = keystrokes.slice(first);
      queries.push({
        query,
        keystrokes: query.length,
        results: found.hits,
        privateResults: found.private,
        status: found.status,
      });
      log(
        `search ${JSON.stringify(query)}: ${found.status} (input to frame ${typed.map((k) => Math.round(k.inputToFrameMs)).join(', ')} ms)`,
      );
    }
    // The longest task of the panel page while it loaded and while the queries were typed.
    const longTasksMs = await page.evaluate(
      () => (globalThis as unknown as { __longTasks: number[] | null }).__longTasks,
    );
    const rare = queries.find((q) => q.query === RARE_WORD);
    if (!rare || !(rare.results > 0) || rare.results !== rareNotes) {
      throw new Error(
        `Searching "${RARE_WORD}" found ${rare?.results} records, expected the ${rareNotes} notes it was planted in.${await describePage(page, errors)}`,
      );
    }

    // Baseline: the same keystrokes into a plain input that does nothing, input event to the
    // next frame, in this page.
    await page.evaluate(() => {
      const plain = document.createElement('input');
      plain.id = 'bench-plain';
      plain.setAttribute('aria-label', 'bench plain input');
      document.body.prepend(plain);
    });
    const plain = page.locator('#bench-plain');
    await plain.focus();
    const plainFrameMs: number[] = [];
    for (const query of QUERIES) {
      for (const char of query) {
        await page.evaluate(() => {
          (globalThis as unknown as SearchGlobals).__plainFrame = new Promise((ok) =>
            document.addEventListener(
              'input',
              (e) => requestAnimationFrame(() => ok(performance.now() - e.timeStamp)),
              { once: true },
            ),
          );
        });
        await page.keyboard.type(char);
        plainFrameMs.push(
          await page.evaluate(() => (globalThis as unknown as SearchGlobals).__plainFrame),
        );
        await page.waitForTimeout(40);
      }
    }
    await page.evaluate(() => document.getElementById('bench-plain')?.remove());

    // Baseline: one IndexedDB get by primary key, raw, in this page.
    const idbGetMs = await page.evaluate(
      async ({ name, ids }) => {
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const db = await request(indexedDB.open(name));
        try {
          const times: number[] = [];
          for (let round = 0; round < 2; round += 1) {
            for (const id of ids) {
              const t = performance.now();
              const record = await request(
                db.transaction('notes', 'readonly').objectStore('notes').get(id),
              );
              const dt = performance.now() - t;
              if (!record) throw new Error(`note ${id} not found`);
              if (round === 1) times.push(dt); // the first round warms up
            }
          }
          return times;
        } finally {
          db.close();
        }
      },
      { name: sharedDbName, ids: sampleNoteIds },
    );

    // The search alone, the project's code on its own Dexie connections: per round a fresh
    // LiveSearch (its index loaded, timed), then the prefixes in typing order, each split into
    // find (matching and ranking in memory) and group (the texts of the first hits the panel
    // paints: from its cache or read with one bulkGet per table, as in the panel).
    await injectHelpers(page, helpers);
    const prefixes = keystrokes.map((k) => k.query);
    const alone = await page.evaluate(
      async ({ prefixes, rounds, firstHits }) => {
        const b = (globalThis as unknown as SearchGlobals).__tandemBench;
        const dbs = { db: b.openSharedDb(), privateDb: b.openPrivateDb() };
        const rows = prefixes.map(
          (query): AloneRow => ({ query, matchMs: [], textMs: [], matched: 0, hits: 0 }),
        );
        const loadMs: number[] = [];
        let coldLoadMs = 0;
        // Round 0 (the warm-up) reads every row: no snapshot, as in the first panel ever opened;
        // it saves one, which the timed rounds load.
        await dbs.db.searchSnapshot.clear();
        await dbs.privateDb.searchSnapshot.clear();
        const longestTaskMs: number[] = [];
        const heldMs: number[] = [];
        let indexed: unknown;
        for (let round = 0; round <= rounds; round += 1) {
          const keep = round > 0; // round 0 warms up
          const search = new b.LiveSearch(dbs);
          // How long the page is held while the index loads: a message loop (not clamped like
          // timers) notes every gap between its turns.
          const channel = new MessageChannel();
          let loading = true;
          let last = performance.now();
          const gaps: number[] = [];
          channel.port1.onmessage = () => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            if (loading) channel.port2.postMessage(0);
          };
          channel.port2.postMessage(0);
          let t = performance.now();
          await search.ready();
          loading = false;
          channel.port1.close();
          if (!keep) coldLoadMs = performance.now() - t;
          if (keep) {
            loadMs.push(performance.now() - t);
            longestTaskMs.push(Math.max(...gaps));
            // Time in gaps over 5 ms: the page busy with the load rather than free.
            heldMs.push(gaps.filter((g) => g > 5).reduce((n, g) => n + g, 0));
          }
          indexed = search.stats;
          for (const row of rows) {
            t = performance.now();
            const found = await search.find(row.query, firstHits);
            const matchMs = performance.now() - t;
            t = performance.now();
            const groups = await search.group(found.best, b.parseQuery(row.query).words);
            const textMs = performance.now() - t;
            if (!keep) continue;
            row.matchMs.push(matchMs);
            row.textMs.push(textMs);
            row.matched = found.total;
            row.hits = groups.reduce(
              (n, g) => n + g.sessions.reduce((m, s) => m + s.hits.length, 0),
              0,
            );
          }
          await search.save();
          search.dispose();
        }
        dbs.db.close();
        dbs.privateDb.close();
        return { rows, loadMs, coldLoadMs, longestTaskMs, heldMs, indexed };
      },
      { prefixes, rounds: ALONE_ROUNDS, firstHits: FIRST_HITS },
    );
    // Per prefix, the median of the rounds.
    const rows = alone.rows.map((row) => ({
      ...row,
      matchMs: median(row.matchMs),
      textMs: median(row.textMs),
    }));
    return {
      keystrokes,
      longTasksMs,
      queries,
      plainFrameMs,
      idbGetMs,
      alone: rows,
      indexLoadMs: alone.loadMs,
      indexColdLoadMs: alone.coldLoadMs,
      indexLoadLongestTaskMs: alone.longestTaskMs,
      indexLoadHeldMs: alone.heldMs,
      indexed: alone.indexed,
    };
  } finally {
    await page.close().catch(() => {});
  }
}
