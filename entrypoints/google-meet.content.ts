import { defineContentScript } from 'wxt/utils/define-content-script';
import { parseGoogleMeet } from '../utils/context/google-meet';
import { hostMatches } from '../utils/context/host-matches';
import { reportContext } from '../utils/context/report';
import { watchPage } from '../utils/context/watch-page';

// Google Meet: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches['google-meet']],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseGoogleMeet, report: reportContext, signal: ctx.signal });
  },
});
