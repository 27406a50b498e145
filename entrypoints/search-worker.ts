import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { openPrivateDb, openSharedDb } from '../utils/db';
import { type SearchResponse, searchRequest } from '../utils/messaging';
import { LiveSearch } from '../utils/search';

/**
 * The side panel's search, in a dedicated worker (utils/search-client.ts starts it): the index
 * of both databases is read and held here, so loading it (most of a second at 10,000 notes)
 * and matching never hold the panel's page. Dexie tells it of every write made elsewhere.
 * The database names come in the worker's URL (`?db=…&private=…`), as the panel opened them.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as {
    location: Location;
    postMessage(message: SearchResponse): void;
    addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  };
  const params = new URLSearchParams(scope.location.search);
  const live = new LiveSearch({
    db: openSharedDb(params.get('db') ?? undefined),
    privateDb: openPrivateDb(params.get('private') ?? undefined),
  });
  const describe = (error: unknown) =>
    (error instanceof Error && error.message ? error.message : String(error)).slice(0, 2000);
  live.subscribe(() => scope.postMessage({ type: 'search-changed' }));
  scope.addEventListener('message', (event) => {
    const parsed = searchRequest.safeParse(event.data);
    if (!parsed.success) {
      scope.postMessage({ type: 'search-failed', id: null, message: 'Unknown request' });
      return;
    }
    const request = parsed.data;
    if (request.type === 'search-warm') {
      live.ready().catch((error: unknown) => {
        scope.postMessage({ type: 'search-failed', id: null, message: describe(error) });
      });
      return;
    }
    live.search(request.query, request.limit).then(
      ({ groups, total }) =>
        scope.postMessage({ type: 'search-result', id: request.id, total, groups }),
      (error: unknown) =>
        scope.postMessage({ type: 'search-failed', id: request.id, message: describe(error) }),
    );
  });
});
