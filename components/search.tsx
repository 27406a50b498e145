import { useEffect, useRef, useState } from 'preact/hooks';
import { highlight, parseQuery, runSearch, type SearchGroup, snippet } from '../utils/search';
import { formatDateTime } from './format';
import { useStore } from './use-live';

const tableLabels: Record<string, string> = {
  notes: 'Note',
  agendaItems: 'Agenda item',
  actionItems: 'Action item',
  reflections: 'Reflection',
  goals: 'Goal',
};

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
  if (!results) return <p class="muted">Searching…</p>;
  const count = results.groups.reduce(
    (n, g) => n + g.sessions.reduce((m, s) => m + s.hits.length, 0),
    0,
  );
  return (
    <section
      class="section search-results"
      aria-label="Search results"
      data-testid="search-results"
    >
      <p class="muted" role="status">
        {count === 0 ? 'Nothing found.' : `${count} found${count >= 50 ? ' (best 50)' : ''}.`}
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
                    : 'A session without a date'
                  : 'Goals'}
              </h3>
              <ul class="plain">
                {bucket.hits.map((hit) => (
                  <li
                    key={`${hit.table}:${hit.recordId}`}
                    class="search-hit"
                    data-testid="search-hit"
                  >
                    <span class="badge">
                      {tableLabels[hit.table] ?? hit.table}
                      {hit.private ? ' · private' : ''}
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
