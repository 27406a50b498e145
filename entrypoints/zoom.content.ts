import { defineContentScript } from 'wxt/utils/define-content-script';
import { hostMatches } from '../utils/context/host-matches';
import { reportContext } from '../utils/context/report';
import { watchPage } from '../utils/context/watch-page';
import { parseZoom } from '../utils/context/zoom';

// Zoom web client: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches.zoom],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseZoom, report: reportContext, signal: ctx.signal });
  },
});
