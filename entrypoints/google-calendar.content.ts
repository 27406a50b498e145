import { defineContentScript } from 'wxt/utils/define-content-script';
import { parseGoogleCalendar } from '../utils/context/google-calendar';
import { hostMatches } from '../utils/context/host-matches';
import { reportContext } from '../utils/context/report';
import { watchPage } from '../utils/context/watch-page';

// Google Calendar: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches['google-calendar']],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseGoogleCalendar, report: reportContext, signal: ctx.signal });
  },
});
