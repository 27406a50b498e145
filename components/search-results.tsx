import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '../utils/i18n';
import { highlight, liveSearch, parseQuery, type SearchResult } from '../utils/search/search';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { useStore } from './use-live';
import { useValue, type ValueStore } from './use-value';

/*
 * The search results, loaded when a search starts (components/app.tsx, lazyView); only the
 * search box (components/search.tsx) is in the panel's first view.
 */

function tableLabel(table: string): string {
  switch (table) {
    case 'notes':
      return t('search.table.notes');
    case 'agendaItems':
      return t('search.table.agendaItems');
    case 'actionItems':
      return t('search.table.actionItems');
    case 'reflections':
      return t('search.table.reflections');
    case 'goals':
      return t('search.table.goals');
    case 'introductions':
      return t('mentorRoles.intro.searchLabel');
    case 'roleNotes':
      return t('mentorRoles.notes.searchLabel');
    case 'learnings':
      return t('arc.closing.learned');
    case 'closings':
      return t('arc.closing.heading');
    case 'feedback':
      return t('feedback.history');
    default:
      return table;
  }
}

/** Text with the matched words marked — as text nodes inside <mark>, never as HTML. */
export function Highlighted({ text, words }: { text: string; words: readonly string[] }) {
  return (
    <>
      {highlight(text, words).map((segment, i) =>
        segment.match ? <mark key={i}>{segment.text}</mark> : segment.text,
      )}
    </>
  );
}

/** Hits shown in the first frame after a keystroke; the rest follow once it is painted. */
const FIRST_HITS = 12;
/** Hits shown in all: the best of what matched. */
const RESULT_LIMIT = 50;

interface Shown extends SearchResult {
  query: string;
  /** When the keystroke's search started (performance.now()). */
  started: number;
  /** All of the best RESULT_LIMIT hits are here, not only the first ones. */
  complete: boolean;
}

/**
 * (In a file of its own, loaded when the user types: the search box in ./search.tsx is in the
 * panel's first view, the results are not.)
 * Search across all pairs as you type: notes, agenda items, action items, reflections and
 * goals, grouped by pair and session, matches marked. The search starts in the same task as
 * the keystroke (a layout effect) and answers from the index in the search worker, or from its
 * answers for this keystroke asked for after the one before (utils/search/search.ts prefetch):
 * the first hits are painted at once, the rest right after. Shown results follow later
 * changes to the databases, as everything else in the panel does.
 */
export function Search({
  query: queryStore,
  onOpenPair,
  onOpenHit,
}: {
  query: ValueStore<string>;
  onOpenPair: (pairId: string) => void;
  /** Opens the hit where it lives: its session in the history (or the pair's goals). */
  onOpenHit: (hit: { pairId: string; sessionId: string | null; recordId: string }) => void;
}) {
  const query = useValue(queryStore);
  const store = useStore();
  const search = liveSearch(store);
  const [results, setResults] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => search.subscribe(() => setChanges((n) => n + 1)), [search]);
  const latest = useRef(query);
  latest.current = query;
  const searched = useRef<string | null>(null);

  const show = (limit: number, started: number, alive: () => boolean) =>
    search.search(query, limit).then(
      (result) => {
        if (!alive() || latest.current !== query) return;
        setResults({ query, started, ...result, complete: limit >= RESULT_LIMIT });
        setError(null);
      },
      (err: unknown) => {
        if (!alive()) return;
        const message = err instanceof Error && err.message ? err.message : String(err);
        setError(t('search.failed', message.replace(/[.\s]+$/, '')));
      },
    );

  useLayoutEffect(() => {
    let alive = true;
    // A new query shows its first hits at once; the same query searched again because the
    // databases changed shows all of them at once (no list shrinking under the reader).
    const fresh = searched.current !== query;
    searched.current = query;
    void show(fresh ? FIRST_HITS : RESULT_LIMIT, performance.now(), () => alive);
    return () => {
      alive = false;
    };
  }, [search, query, changes]);
  const measured = useRef<string | null>(null);
  useLayoutEffect(() => {
    // Once per query, its first results: they may already be complete when the databases
    // changed while the index loaded (the search then started again for all of them).
    if (!results || measured.current === results.query) return;
    measured.current = results.query;
    // For `npm run bench`: from the search's start to the first hits in the DOM, and to the
    // frame that paints them.
    performance.measure('tandem:search-commit', { start: results.started, end: performance.now() });
    requestAnimationFrame(() =>
      performance.measure('tandem:search', { start: results.started, end: performance.now() }),
    );
  }, [results]);
  // After the first hits are painted (useEffect runs then), the rest of them; once all are
  // shown, the first hits of every next keystroke, so it is answered in its own frame.
  useEffect(() => {
    if (!results) return;
    if (results.complete || results.total <= FIRST_HITS) {
      search.prefetch(results.query, FIRST_HITS).catch(() => {}); // that keystroke asks again
      return;
    }
    let alive = true;
    void show(RESULT_LIMIT, results.started, () => alive);
    return () => {
      alive = false;
    };
  }, [results]);
  const words = parseQuery(results?.query ?? query).words;
  if (error) return <ErrorText message={error} />;
  if (!results) return <p class="muted">{t('search.searching')}</p>;
  return (
    <section
      class="section search-results"
      aria-label={t('search.results')}
      data-testid="search-results"
    >
      <p class="muted" role="status">
        {results.total === 0
          ? t('search.nothing')
          : results.total > RESULT_LIMIT
            ? plural('search.foundBest', results.total)
            : plural('search.found', results.total)}
      </p>
      {results.groups.map((group) => (
        <div key={group.pairId} class="search-group">
          <h2>
            <button type="button" class="link" onClick={() => onOpenPair(group.pairId)}>
              {group.pairTitle ?? t('search.deletedPair')}
            </button>
          </h2>
          {group.sessions.map((bucket) => (
            <div key={bucket.sessionId ?? 'pair'} class="search-session">
              <h3 class="muted">
                {bucket.sessionId
                  ? bucket.when
                    ? formatDateTime(bucket.when)
                    : t('search.noDate')
                  : t('goals.heading')}
              </h3>
              <ul class="plain">
                {bucket.hits.map((hit) => (
                  <li
                    key={`${hit.table}:${hit.recordId}`}
                    class="search-hit"
                    data-testid="search-hit"
                  >
                    <button
                      type="button"
                      class="hit-open"
                      onClick={() =>
                        onOpenHit({
                          pairId: group.pairId,
                          sessionId: bucket.sessionId,
                          recordId: hit.recordId,
                        })
                      }
                    >
                      <span class="badge">
                        {/* Opened feedback is indexed privately (its plaintext is confidential)
                            but it is the pair's, read by both once revealed: not marked private. */}
                        {hit.private && hit.table !== 'feedback'
                          ? t('search.privateHit', tableLabel(hit.table))
                          : tableLabel(hit.table)}
                      </span>{' '}
                      <span dir="auto">
                        <Highlighted text={hit.text} words={words} />
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
