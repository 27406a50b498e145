import { createContext } from 'preact';
import { useContext, useLayoutEffect, useState } from 'preact/hooks';
import type { PanelStore } from '../utils/panel/store';
import { sameData } from '../utils/same-data';

/**
 * The one hook through which the UI reads: a Dexie liveQuery, so every open panel (two windows,
 * two tabs) shows the same data without reload. `undefined` until the first result arrives.
 *
 * While the database layer is still loading (utils/panel/store.ts), the query runs once over the
 * raw first reads (utils/data/raw-reader.ts), so the first view paints without waiting for
 * Dexie; a query those reads cannot answer waits. Then it runs under liveQuery, whose first
 * result is the same rows (the page does not change) and whose next ones follow every change.
 */
export function useLive<T>(query: () => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  const store = useStore();
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useLayoutEffect(() => {
    let current = true;
    let answered = false; // the live query has given its first result
    let shown: { value: T } | undefined; // the raw first result, while it is what is shown
    let subscription: { unsubscribe(): void } | undefined;
    const subscribe = (liveQuery: typeof import('dexie').liveQuery) => {
      if (!current) return;
      subscription = liveQuery(query).subscribe({
        next: (result) => {
          const first = !answered;
          answered = true;
          // The live query's first result is, as a rule, the rows already shown: kept as they
          // are, so nothing renders again when Dexie takes over.
          if (first && shown && sameData(shown.value, result)) return;
          shown = undefined;
          setValue(() => result);
        },
        error: (err: unknown) => setError(err),
      });
    };
    if (store.liveQuery) subscribe(store.liveQuery);
    else {
      // The first read, if the raw reads can answer it (errors wait for the live query), shown
      // unless the live query has answered first.
      Promise.resolve()
        .then(query)
        .then(
          (result) => {
            if (!current || answered) return;
            shown = { value: result };
            setValue(() => result);
          },
          () => {},
        );
      store.live.then(subscribe, (err: unknown) => current && setError(err));
    }
    return () => {
      current = false;
      subscription?.unsubscribe();
    };
  }, deps);
  if (error) throw error;
  return value;
}

/**
 * Holds the database layer, and the views beyond the first, back while `waiting`: for a part
 * whose first view waits on more than the database (the app waits for the tab and the settings,
 * which come from the browser), so that they never load before it is on screen.
 */
export function useFirstViewHold(waiting: boolean): void {
  const store = useStore();
  const [release] = useState(() => {
    let done = () => {};
    void store.hold?.(
      new Promise<void>((resolve) => {
        done = resolve;
      }),
    );
    return done;
  });
  useLayoutEffect(() => {
    if (!waiting) release();
  }, [waiting]);
  useLayoutEffect(() => release, []); // gone from the page: nothing to wait for
}

export const StoreContext = createContext<PanelStore | null>(null);

export function useStore(): PanelStore {
  const store = useContext(StoreContext);
  // Not shown to users: a panel without the provider is a programming error.
  if (!store) throw new Error('StoreContext is missing');
  return store;
}
