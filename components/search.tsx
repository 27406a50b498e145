import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '../utils/i18n';
import { firstHits, highlight, liveSearch, parseQuery, type SearchResult } from '../utils/search';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { useStore } from './use-live';

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

/**
 * Search across all pairs as you type: notes, agenda items, action items, reflections and
 * goals, grouped by pair and session, matches marked. The search starts in the same task as
 * the keystroke (a layout effect) and answers from the in-memory index (utils/search.ts); shown
 * results follow later changes to the databases, as everything else in the panel does.
 */
export function Search({
  query,
  onOpenPair,
}: {
  query: string;
  onOpenPair: (pairId: string) => void;
}) {
  const store = useStore();
  const search = liveSearch(store);
  const [results, setResults] = useState<
    ({ query: string; started: number } & SearchResult) | null
  >(null);
  const [allShown, setAllShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => search.subscribe(() => setChanges((n) => n + 1)), [search]);
  const latest = useRef(query);
  latest.current = query;
  useLayoutEffect(() => {
    const started = performance.now();
    let alive = true;
    search.search(query).then(
      (result) => {
        if (!alive || latest.current !== query) return;
        setResults({ query, started, ...result });
        setAllShown(false);
        setError(null);
      },
      (err: unknown) => {
        if (!alive) return;
        const message = err instanceof Error && err.message ? err.message : String(err);
        setError(t('search.failed', message.replace(/[.\s]+$/, '')));
      },
    );
    return () => {
      alive = false;
    };
  }, [search, query, changes]);
  useLayoutEffect(() => {
    if (!results) return;
    // For `npm run bench`: from the search's start to the results in the DOM, and to the frame
    // that paints them.
    performance.measure('tandem:search-commit', { start: results.started, end: performance.now() });
    requestAnimationFrame(() =>
      performance.measure('tandem:search', { start: results.started, end: performance.now() }),
    );
  }, [results]);
  // After the first frame is painted (useEffect runs then), the rest of the hits.
  useEffect(() => {
    if (results && !allShown) setAllShown(true);
  }, [results, allShown]);
  const words = parseQuery(results?.query ?? query).words;
  if (error) return <ErrorText message={error} />;
  if (!results) return <p class="muted">{t('search.searching')}</p>;
  const count = results.groups.reduce(
    (n, g) => n + g.sessions.reduce((m, s) => m + s.hits.length, 0),
    0,
  );
  const groups = allShown ? results.groups : firstHits(results.groups, FIRST_HITS);
  return (
    <section
      class="section search-results"
      aria-label={t('search.results')}
      data-testid="search-results"
    >
      <p class="muted" role="status">
        {count === 0
          ? t('search.nothing')
          : results.total > count
            ? plural('search.foundBest', results.total)
            : plural('search.found', count)}
      </p>
      {groups.map((group) => (
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
                    <span class="badge">
                      {hit.private
                        ? t('search.privateHit', tableLabel(hit.table))
                        : tableLabel(hit.table)}
                    </span>{' '}
                    <Highlighted text={hit.text} words={words} />
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
