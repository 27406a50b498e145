import { useEffect, useRef } from 'preact/hooks';

/**
 * Focus an element when it mounts with `enabled`, or when `enabled` turns true later (a note
 * shows up through the live query a moment before the code that added it learns its id). The
 * autofocus attribute would not do: it only works on page load, not for elements added later.
 */
export function useAutoFocus<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
