import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  PRIVATE_DB_NAME,
  PRIVATE_NATIVE_VERSION,
  SHARED_DB_NAME,
  SHARED_NATIVE_VERSION,
} from '../utils/data/db-names';
import { openEarly } from '../utils/data/raw-opening';
import { beginEarlyReads, type EarlyApi } from '../utils/panel/early-reads';

// The side panel's first script, a classic one in its <head>: while the page's modules load, it
// begins opening both databases (never creating or upgrading them; the first reads,
// utils/data/raw-reader.ts, take the connections over) and asking the browser for the tab the
// panel follows, its context and the settings the first view waits for
// (utils/panel/early-reads.ts).
export default defineUnlistedScript(() => {
  openEarly({ [SHARED_DB_NAME]: SHARED_NATIVE_VERSION, [PRIVATE_DB_NAME]: PRIVATE_NATIVE_VERSION });
  beginEarlyReads(browser as unknown as EarlyApi, location.search);
});
