import type { SearchDbs } from './search-engine';

/*
 * Starting the search index early, without putting search in the panel's first view: the
 * search module (utils/search/search.ts) is imported only here, lazily, and the index loads in
 * its worker, so nothing of it holds the page.
 */

/** The search worker, an unlisted script of the extension (entrypoints/search-worker.ts). */
const SEARCH_WORKER_PATH = '/search-worker.js';

/** A worker is there for extension pages; elsewhere (unit tests) the engine runs in the page. */
export function canUseWorker(): boolean {
  return (
    typeof Worker === 'function' &&
    typeof location !== 'undefined' &&
    /^(chrome|moz)-extension:$/.test(location.protocol)
  );
}

let spare: Worker | null = null;

/**
 * Starts the search worker at once, before it has anything to do: fetching, compiling and
 * starting its script takes a few hundred milliseconds on a busy machine, on its own thread, so
 * it is ready when the index is asked for. Nothing is read until then.
 */
export function prestartSearchWorker(): void {
  if (!spare && canUseWorker()) spare = new Worker(SEARCH_WORKER_PATH);
}

/** The worker started beforehand, or a new one. */
export function takeSearchWorker(): Worker {
  const worker = spare ?? new Worker(SEARCH_WORKER_PATH);
  spare = null;
  return worker;
}

/** Start loading the search index (the search box got focus, or the panel is idle). */
export function warmSearch(dbs: SearchDbs): void {
  void import('./search').then(
    ({ liveSearch }) => liveSearch(dbs).warm(),
    () => {}, // the search itself reports what failed
  );
}

/**
 * Runs `work` once the panel has painted and is idle (Firefox and Chromium have
 * requestIdleCallback; a timer elsewhere), and within 300 ms of that paint at the latest: a
 * busy panel would otherwise keep putting it off.
 */
export function whenIdle(work: () => void): void {
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 300 });
    else setTimeout(work, 50);
  });
}

/** Warm the search once the panel is idle, so the first keystroke finds the index loaded. */
export function warmSearchWhenIdle(dbs: SearchDbs): void {
  whenIdle(() => warmSearch(dbs));
}
