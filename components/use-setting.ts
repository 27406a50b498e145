import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** A WXT storage item as state: `undefined` while loading, then live as it changes anywhere. */
export function useSetting<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void item.getValue().then((v) => {
      if (alive) setValue(() => v);
    });
    const unwatch = item.watch((v) => setValue(() => v));
    return () => {
      alive = false;
      unwatch();
    };
  }, [item]);
  return value;
}
