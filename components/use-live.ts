import { liveQuery } from 'dexie';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Store } from '../utils/data/records/store';

/**
 * The one hook through which the UI reads: a Dexie liveQuery, so every open panel (two windows,
 * two tabs) shows the same data without reload. `undefined` until the first result arrives.
 */
export function useLive<T>(query: () => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (result) => setValue(() => result),
      error: (err: unknown) => setError(err),
    });
    return () => subscription.unsubscribe();
  }, deps);
  if (error) throw error;
  return value;
}

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  // Not shown to users: a panel without the provider is a programming error.
  if (!store) throw new Error('StoreContext is missing');
  return store;
}
