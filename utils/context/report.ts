import { browser } from 'wxt/browser';
import type { PageContext } from '../schema/page-context';

/** Send what the page shows to the background (which checks who sent it and parses it). */
export function reportContext(context: PageContext | null): void {
  browser.runtime.sendMessage({ type: 'page-context', context }).catch(() => {
    // The background restarts on demand; a lost report is repeated on the next page change.
  });
}
