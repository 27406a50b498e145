import type { SharedDb } from '../data/db';
import type { SyncSpace } from '../schema/local';

/** A shared pair as the options page shows it: never its token or its key. */
export interface SharedPairShown {
  pairId: string;
  sidecarUrl: string;
  /** The code to compare while this browser waits to be let in (not a secret). */
  waiting: string | null;
  /** Invites are out: devices may ask to join. */
  inviting: boolean;
  /** What the sidecar was caught doing, until dismissed (utils/sync/engine/integrity.ts). */
  integrity: NonNullable<SyncSpace['integrity']>['kind'] | null;
}

/** Every pair this browser shares through a sidecar, as the options page shows it. */
export async function sharedPairsShown(db: SharedDb): Promise<SharedPairShown[]> {
  return (await db.syncSpaces.toArray()).map((s) => ({
    pairId: s.id,
    sidecarUrl: s.sidecarUrl,
    waiting: s.join?.code ?? null,
    inviting: (s.invites?.length ?? 0) > 0,
    integrity: s.integrity?.kind ?? null,
  }));
}
