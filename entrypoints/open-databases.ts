import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  PRIVATE_DB_NAME,
  PRIVATE_NATIVE_VERSION,
  SHARED_DB_NAME,
  SHARED_NATIVE_VERSION,
} from '../utils/data/db-names';
import { openEarly } from '../utils/data/raw-reader';

// The side panel's first script, a classic one in its <head>: it begins opening both databases
// (never creating or upgrading them) while the page's modules load, and the first reads
// (utils/data/raw-reader.ts) take the connections over.
export default defineUnlistedScript(() =>
  openEarly({ [SHARED_DB_NAME]: SHARED_NATIVE_VERSION, [PRIVATE_DB_NAME]: PRIVATE_NATIVE_VERSION }),
);
