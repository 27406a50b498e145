import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { parseGoogleMeet } from '../utils/context/google-meet';
import { readPage } from '../utils/context/read-page';

// Google Meet: read the page and report its meeting to the background; adds nothing to the page.
// Declared in wxt.config.ts (content_scripts), on the pages of utils/context/host-matches.ts.
export default defineUnlistedScript(() => readPage(parseGoogleMeet));
