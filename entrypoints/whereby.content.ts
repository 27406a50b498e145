import { defineContentScript } from 'wxt/utils/define-content-script';
import { hostMatches } from '../utils/context/host-matches';
import { reportContext } from '../utils/context/report';
import { watchPage } from '../utils/context/watch-page';
import { parseWhereby } from '../utils/context/whereby';

// Whereby: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches.whereby],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseWhereby, report: reportContext, signal: ctx.signal });
  },
});
