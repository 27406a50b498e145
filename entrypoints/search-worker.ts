import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { openPrivateDb, openSharedDb } from '../utils/data/db';
import { indexFeedback } from '../utils/search/feedback-index';
import { SearchEngine } from '../utils/search/search-engine';

/** A dedicated worker's global scope, as much of it as this uses (the DOM lib has no such type). */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

// Wiring only: the panel's search engine (utils/search/search-engine.ts) in a worker of the
// extension's own origin, started by utils/search/search.ts, with its own database connections.
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as WorkerScope;
  const engine = new SearchEngine({
    open: (names) => ({ db: openSharedDb(names.shared), privateDb: openPrivateDb(names.private) }),
    saveDelayMs: 1000,
    indexFeedback,
  });
  scope.onmessage = (event) => {
    void engine.handle(event.data).then((reply) => scope.postMessage(reply));
  };
});
