import type { SharedDb } from '../../data/db';
import type { HlcClock } from '../../data/hlc';
import type { Role } from '../../schema/common';
import type { SyncSpace } from '../../schema/local';
import { type Fetch, type SidecarClient, sidecarClient } from '../client';
import type { PairKeys } from '../crypto';
import type { Batch } from './push';

/**
 * What every part of the sync engine works on: the shared database, the options, a client for
 * the sidecar, and the little the engine keeps in memory between calls. Separate so that push,
 * pull, sharing, joining and the keys are plain functions over one value, and the engine's entry
 * point (sync-engine.ts) only locks and delegates. One context per engine: a new engine (a
 * browser restart) starts with nothing in memory.
 */

export interface SyncStore {
  db: SharedDb;
  deviceId: string;
  clock: HlcClock;
  now: () => number;
}

export interface EngineOptions {
  fetch?: Fetch;
  /** Mutations per push request, at most the protocol's MAX_BATCH. */
  batchSize?: number;
  /** Entries per pull page. */
  pageSize?: number;
  timeoutMs?: number;
  /**
   * How often sync looks for devices gone and key epochs made elsewhere (utils/sync/epochs.ts);
   * removing a device here moves to a new epoch at once.
   */
  keyCheckMs?: number;
}

export interface EngineContext {
  readonly store: SyncStore;
  readonly options: EngineOptions;
  /** Per pair, the batch sent without an answer: resent as it is (push.ts). */
  readonly unanswered: Map<string, Batch>;
  /** Per space, an old raw secret being moved into the vault (key-vault.ts): done once. */
  readonly vaulting: Map<string, Promise<PairKeys>>;
  /** Per pair, when its keys were last checked (key-epochs.ts). */
  readonly keysCheckedAt: Map<string, number>;
  /** Per pair, the role the person chose on joining, set once the key came (joining.ts). */
  readonly joinRoles: Map<string, Role>;
}

export function engineContext(store: SyncStore, options: EngineOptions): EngineContext {
  return {
    store,
    options,
    unanswered: new Map(),
    vaulting: new Map(),
    keysCheckedAt: new Map(),
    joinRoles: new Map(),
  };
}

export function sidecarAt(context: EngineContext, baseUrl: string, token?: string): SidecarClient {
  return sidecarClient(baseUrl, token, {
    fetch: context.options.fetch,
    timeoutMs: context.options.timeoutMs,
  });
}

/** The sidecar of a shared pair, as this browser's device. */
export function spaceClient(context: EngineContext, space: SyncSpace): SidecarClient {
  return sidecarAt(context, space.sidecarUrl, space.deviceToken);
}
