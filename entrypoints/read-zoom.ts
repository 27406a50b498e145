import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPage } from '../utils/context/read-page';
import { parseZoom } from '../utils/context/zoom';

// Zoom web client: read the page and report its meeting to the background; adds nothing to the page.
// Declared in wxt.config.ts (content_scripts), on the pages of utils/context/host-matches.ts.
export default defineUnlistedScript(() => readPage(parseZoom));
