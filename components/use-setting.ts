import { useLayoutEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { earlySetting } from '../utils/panel/early-reads';

/**
 * A WXT storage item as state: `undefined` while loading (or what the panel's first script read
 * early, utils/panel/early-reads.ts), then live as it changes anywhere.
 */
export function useSetting<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(() => {
    const found = earlySetting(item.key);
    return found === undefined ? undefined : ((found.value ?? item.fallback) as T);
  });
  // A layout effect: the read begins as the part renders, not a frame later.
  useLayoutEffect(() => {
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
