import type { SearchDbs } from './search-engine';

/*
 * Starting the search index early, without putting search in the panel's first view: the
 * search module (utils/search/search.ts) is imported only here, lazily, and the index loads in
 * its worker, so nothing of it holds the page.
 */

/** Start loading the search index (the search box got focus, or the panel is idle). */
export function warmSearch(dbs: SearchDbs): void {
  void import('./search').then(
    ({ liveSearch }) => liveSearch(dbs).warm(),
    () => {}, // the search itself reports what failed
  );
}

/**
 * Warm the search once the panel has painted and is idle, so the first keystroke finds the
 * index loaded (Firefox and Chromium have requestIdleCallback; a timer elsewhere).
 */
export function warmSearchWhenIdle(dbs: SearchDbs): void {
  const start = () => warmSearch(dbs);
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 200);
  });
}
