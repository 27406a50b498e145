import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '../utils/i18n';
import { highlight, parseQuery, runSearch, type SearchGroup, snippet } from '../utils/search';
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

/**
 * Search across all pairs as you type: notes, agenda items, action items, reflections and
 * goals, grouped by pair and session, matches marked.
 */
export function Search({
  query,
  onOpenPair,
}: {
  query: string;
  onOpenPair: (pairId: string) => void;
}) {
  const store = useStore();
  const [results, setResults] = useState<{ query: string; groups: SearchGroup[] } | null>(null);
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    const started = performance.now();
    let alive = true;
    void runSearch(store, query).then((groups) => {
      if (!alive || latest.current !== query) return;
      setResults({ query, groups });
      // For `npm run bench`: from keystroke to results in the page.
      requestAnimationFrame(() =>
        performance.measure('tandem:search', { start: started, end: performance.now() }),
      );
    });
    return () => {
      alive = false;
    };
  }, [store, query]);
  const words = parseQuery(query).words;
  if (!results) return <p class="muted">{t('search.searching')}</p>;
  const count = results.groups.reduce(
    (n, g) => n + g.sessions.reduce((m, s) => m + s.hits.length, 0),
    0,
  );
  return (
    <section
      class="section search-results"
      aria-label={t('search.results')}
      data-testid="search-results"
    >
      <p class="muted" role="status">
        {count === 0
          ? t('search.nothing')
          : count >= 50
            ? plural('search.foundBest', count)
            : plural('search.found', count)}
      </p>
      {results.groups.map((group) => (
        <div key={group.pairId} class="search-group">
          <h2>
            <button type="button" class="link" onClick={() => onOpenPair(group.pairId)}>
              {group.pairTitle}
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
                    <Highlighted text={snippet(hit.text, words)} words={words} />
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
