import { type SearchRequest, searchResponse } from './messaging';
import { liveSearch, type SearchDbs, type SearchResult, type SearchSource } from './search';
import { describeIssues } from './validate';

/** Longest query sent to the worker (a pasted page of text is cut, not refused). */
const MAX_QUERY = 1000;

interface Pending {
  resolve: (result: SearchResult) => void;
  reject: (error: Error) => void;
}

/**
 * The panel's side of entrypoints/search-worker.ts: the same SearchSource as a LiveSearch, with
 * the index and the matching in the worker. The worker starts on the first warm() or search();
 * every answer is parsed before it is used, and a worker that fails fails the searches waiting
 * on it with its message (the next search starts a new one).
 */
export class WorkerSearch implements SearchSource {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly url: string) {}

  warm(): void {
    this.send({ type: 'search-warm' });
  }

  search(query: string, limit = 50): Promise<SearchResult> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<SearchResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'search', id, query: query.slice(0, MAX_QUERY), limit });
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the worker; searches waiting on it fail. */
  dispose(): void {
    this.fail('The search was stopped');
  }

  private send(request: SearchRequest): void {
    if (!this.worker) {
      const worker = new Worker(this.url);
      worker.addEventListener('message', (event) => this.receive(event.data));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.fail(event.message || 'The search worker stopped');
      });
      this.worker = worker;
    }
    this.worker.postMessage(request);
  }

  private receive(data: unknown): void {
    const parsed = searchResponse.safeParse(data);
    if (!parsed.success) {
      this.fail(
        `The search worker answered in a form not understood (${describeIssues(parsed.error.issues)})`,
      );
      return;
    }
    const response = parsed.data;
    if (response.type === 'search-changed') {
      for (const listener of this.listeners) listener();
      return;
    }
    // A failure of no particular search (loading ahead of time): the next search reports its own.
    if (response.id === null) return;
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    if (response.type === 'search-result') {
      waiting.resolve({ groups: response.groups, total: response.total });
    } else waiting.reject(new Error(response.message));
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(new Error(message));
  }
}

const sources = new WeakMap<SearchDbs['db'], SearchSource>();

/**
 * The search of a store's databases: in a worker in an extension page, where the worker script
 * is, or a LiveSearch on the same thread elsewhere (unit tests).
 */
export function searchSource(dbs: SearchDbs): SearchSource {
  let source = sources.get(dbs.db);
  if (!source) {
    const inExtension =
      typeof Worker !== 'undefined' &&
      typeof location !== 'undefined' &&
      /^(chrome|moz)-extension:$/.test(location.protocol);
    if (inExtension) {
      const url = new URL('/search-worker.js', location.href);
      url.searchParams.set('db', dbs.db.name);
      url.searchParams.set('private', dbs.privateDb.name);
      source = new WorkerSearch(url.href);
    } else source = liveSearch(dbs);
    sources.set(dbs.db, source);
  }
  return source;
}
