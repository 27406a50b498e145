import type { PageContext } from '../schema/page-context';

/**
 * The content scripts' loop: parse the page at start (document_idle), again when the page
 * changes (single-page navigation, dialogs opening and closing) at most every `throttleMs`,
 * and report only when what was read differs from the last report. No zod, no framework:
 * this runs on the host page and must stay tiny. It adds nothing to the page's DOM.
 */
export interface WatchOptions {
  parse: (doc: Document, url: URL) => PageContext | null;
  report: (context: PageContext | null) => void;
  /** Minimum time between two parses while the page keeps changing. */
  throttleMs?: number;
  /** Stops watching (the extension was reloaded or the script invalidated). */
  signal?: AbortSignal;
}

export function watchPage({ parse, report, throttleMs = 400, signal }: WatchOptions): () => void {
  let last: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = 0;

  const run = () => {
    timer = undefined;
    lastRun = Date.now();
    let context: PageContext | null = null;
    try {
      context = parse(document, new URL(location.href));
    } catch {
      // A parser never throws by contract; a page that breaks one anyway reports nothing.
      context = null;
    }
    const key = JSON.stringify(context);
    if (key === last) return;
    last = key;
    report(context);
  };

  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(run, Math.max(0, lastRun + throttleMs - Date.now()));
  };

  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    // Dialogs and call states often toggle attributes rather than nodes.
    attributes: true,
    attributeFilter: ['open', 'hidden', 'aria-hidden', 'aria-expanded', 'data-eventid', 'href'],
  });
  addEventListener('popstate', schedule);
  addEventListener('hashchange', schedule);

  const stop = () => {
    observer.disconnect();
    removeEventListener('popstate', schedule);
    removeEventListener('hashchange', schedule);
    if (timer !== undefined) clearTimeout(timer);
  };
  signal?.addEventListener('abort', stop);
  run();
  return stop;
}
