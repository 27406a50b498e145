import { defineContentScript } from 'wxt/utils/define-content-script';
import { hostMatches } from '../utils/context/host-matches';
import { reportContext } from '../utils/context/report';
import { parseTeams } from '../utils/context/teams';
import { watchPage } from '../utils/context/watch-page';

// Microsoft Teams web: read the page, report its meeting to the background. Adds nothing to the page.
export default defineContentScript({
  matches: [...hostMatches.teams],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({ parse: parseTeams, report: reportContext, signal: ctx.signal });
  },
});
