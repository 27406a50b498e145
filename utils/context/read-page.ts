import type { PageContextMessage } from '../messaging';
import { nativeBrowser } from '../native-browser';
import type { PageContext } from '../schema/page-context';
import { watchPage } from './watch-page';

/**
 * A content script's whole life: watch the page with its host's parser and report each change
 * to the background. When the extension is reloaded or updated, this copy loses its runtime
 * and stops watching.
 *
 * The scripts are WXT unlisted scripts declared in the manifest by hand rather than
 * `*.content.ts` entrypoints: WXT's content-script context adds ~1.2 KB gzip to each script
 * (the budget is 4 KB) and announces itself to the host page with window.postMessage. For the
 * same budget they reach the browser through its own global, not the polyfill (2.7 KB gzip;
 * utils/browser.ts), and take only the message's type from utils/messaging.ts, not zod.
 */
export function readPage(parse: (doc: Document, url: URL) => PageContext | null): void {
  const stop = new AbortController();
  watchPage({
    parse,
    signal: stop.signal,
    report(context) {
      if (!nativeBrowser.runtime?.id) {
        stop.abort();
        return;
      }
      nativeBrowser.runtime
        .sendMessage({ type: 'page-context', context } satisfies PageContextMessage)
        .catch(() => {
          // The background restarts on demand; the next page change reports again.
        });
    },
  });
}
