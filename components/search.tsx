import { t } from '../utils/i18n';
import type { PanelStore } from '../utils/panel/store';
import { warmSearch } from '../utils/search/warm-search';
import { useStore } from './use-live';
import { useValue, type ValueStore } from './use-value';

/**
 * Loads the search (a chunk of its own) and its index in its worker, before the first keystroke
 * needs them — once the panel's first view has read what it shows.
 */
function warm(store: PanelStore): void {
  void store.firstView.then(() => warmSearch(store));
}

/**
 * The search box: its text is the `query` store's, so typing re-renders this box and the
 * results, not the panel around them.
 */
export function SearchBox({ query }: { query: ValueStore<string> }) {
  const store = useStore();
  const text = useValue(query);
  return (
    <div class="search-box">
      <input
        dir="auto"
        type="search"
        name="search"
        aria-label={t('app.search.label')}
        placeholder={t('app.search.placeholder')}
        value={text}
        onInput={(e) => query.set(e.currentTarget.value)}
        // Load the search index while the user starts typing, not on the first keystroke.
        onFocus={() => warm(store)}
        onPointerEnter={() => warm(store)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') query.set('');
        }}
      />
    </div>
  );
}
