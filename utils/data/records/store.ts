import type { PrivateDb, SharedDb } from '../db';
import type { HlcClock } from '../hlc';

/**
 * What every write needs: the two databases, this device and its hybrid logical clock. The
 * writes, one module per record kind beside this one, are plain functions over a Store; each
 * validates the record with its zod schema before it is stored, stamps it with the clock and
 * this device, and resolves only when its Dexie transaction has completed.
 */
export interface Store {
  db: SharedDb;
  privateDb: PrivateDb;
  deviceId: string;
  clock: HlcClock;
  /** Epoch ms; injectable for tests. */
  now: () => number;
  newId: () => string;
}

/** The fields a write stamps; inputs leave them out. */
export type Stamped = 'id' | 'updatedAt' | 'deleted' | 'deviceId';

export function stamp(store: Store) {
  return { updatedAt: store.clock.now(), deviceId: store.deviceId, deleted: false };
}
