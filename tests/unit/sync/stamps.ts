import type { Stamps, SyncedRow } from '../../../utils/sync/merge';

/* What the merge tests share: hybrid logical clock stamps by hand, and a record's field stamps. */

/** The stamp utils/data/hlc.ts would issue at `wall` ms on `device`. */
export const s = (wall: number, device = 'a', counter = 0) =>
  `${wall.toString(36).padStart(11, '0')}-${counter.toString(36).padStart(5, '0')}-${device}`;

/** Every field of `record` stamped `stamp`, as if written all at once. */
export function allStamps(record: SyncedRow, stamp: string): Stamps {
  return Object.fromEntries(
    Object.keys(record)
      .filter((k) => !['id', 'updatedAt', 'deviceId'].includes(k))
      .map((k) => [k, stamp]),
  );
}
