import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { parseGoogleCalendar } from '../utils/context/google-calendar';
import { readPage } from '../utils/context/read-page';

// Google Calendar: read the page and report its meeting to the background; adds nothing to the page.
// Declared in wxt.config.ts (content_scripts), on the pages of utils/context/host-matches.ts.
export default defineUnlistedScript(() => readPage(parseGoogleCalendar));
