import { useEffect, useState } from 'preact/hooks';

/** A value some components read and any may set, without re-rendering their common parent. */
export interface ValueStore<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function valueStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The store's value, or what `select` makes of it: the component re-renders only when that
 * changes (a parent that only needs to know "is there a search?" ignores each keystroke).
 */
export function useValue<T, S = T>(store: ValueStore<T>, select?: (value: T) => S): S {
  const read = () => (select ? select(store.get()) : (store.get() as unknown as S));
  const [selected, setSelected] = useState<S>(read);
  useEffect(() => {
    const update = () => {
      const next = read();
      setSelected(() => next);
    };
    update();
    return store.subscribe(update);
  }, [store]);
  return selected;
}
