import { browser } from 'wxt/browser';
import type { PageContext } from '../schema/page-context';
import { watchPage } from './watch-page';

/**
 * A content script's whole life: watch the page with its host's parser and report each change
 * to the background. When the extension is reloaded or updated, this copy loses its runtime
 * and stops watching.
 *
 * The scripts are WXT unlisted scripts declared in the manifest by hand rather than
 * `*.content.ts` entrypoints: WXT's content-script context adds ~1.2 KB gzip to each script
 * (the budget is 4 KB) and announces itself to the host page with window.postMessage.
 */
export function readPage(parse: (doc: Document, url: URL) => PageContext | null): void {
  const stop = new AbortController();
  watchPage({
    parse,
    signal: stop.signal,
    report(context) {
      if (!browser.runtime?.id) {
        stop.abort();
        return;
      }
      browser.runtime.sendMessage({ type: 'page-context', context }).catch(() => {
        // The background restarts on demand; the next page change reports again.
      });
    },
  });
}
