import { defineContentScript } from 'wxt/utils/define-content-script';
import { hostMatches } from '../utils/context/host-matches';
import { parseOutlook } from '../utils/context/outlook';
import { reportContext } from '../utils/context/report';
import { watchPage } from '../utils/context/watch-page';

// Outlook on the web: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches.outlook],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseOutlook, report: reportContext, signal: ctx.signal });
  },
});
