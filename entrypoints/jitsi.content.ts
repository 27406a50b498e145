import { defineContentScript } from 'wxt/utils/define-content-script';
import { hostMatches } from '../utils/context/host-matches';
import { parseJitsi } from '../utils/context/jitsi';
import { reportContext } from '../utils/context/report';
import { watchPage } from '../utils/context/watch-page';

// Jitsi Meet: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches.jitsi],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseJitsi, report: reportContext, signal: ctx.signal });
  },
});
