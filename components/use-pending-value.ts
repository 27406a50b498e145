import { useRef, useState } from 'preact/hooks';

/**
 * What a control bound to a stored value (a tick, a status, a date) shows while the user's
 * change is being written: the user's choice. Without it, any re-render before the write is
 * read back (another live query answering, the other member's edit) puts the stored value back
 * into the control, and a tick the user just made flickers off or seems not to take.
 *
 * Returns [shown value, change]. `change(value, write)` shows `value` at once and runs `write`
 * (which says whether it succeeded, as useAction's run does). The choice is shown until the
 * stored value catches up with it, or changes to anything else after the write (a later edit
 * wins); a failed write puts the stored value back.
 */
export function usePendingValue<T>(
  stored: T,
): [T, (value: T, write: () => Promise<boolean>) => Promise<void>] {
  const pending = useRef<Pending<T> | null>(null);
  const latestStored = useRef(stored);
  latestStored.current = stored;
  const [, rerender] = useState(0);
  // Pure and idempotent, so it may run on every render: drops a choice the stored value has met.
  pending.current = settle(pending.current, stored);
  const change = async (value: T, write: () => Promise<boolean>) => {
    // A change made while an earlier one is on its way expects that one to land first.
    const mine: Pending<T> = {
      value,
      base: pending.current ? pending.current.value : latestStored.current,
      written: false,
    };
    pending.current = mine;
    rerender((n) => n + 1);
    const ok = await write();
    if (pending.current !== mine) return;
    pending.current = ok ? settle({ ...mine, written: true }, latestStored.current) : null;
    rerender((n) => n + 1);
  };
  return [pending.current ? pending.current.value : stored, change];
}

export interface Pending<T> {
  /** What the user chose. */
  value: T;
  /** The stored value expected until the write lands. */
  base: T;
  /** The write has succeeded. */
  written: boolean;
}

/**
 * Whether the user's choice is still to be shown, given the stored value now: until its write
 * has succeeded and the stored value has either caught up with it or moved on to another.
 */
export function settle<T>(pending: Pending<T> | null, stored: T): Pending<T> | null {
  if (!pending?.written) return pending;
  if (Object.is(stored, pending.value) || !Object.is(stored, pending.base)) return null;
  return pending;
}
