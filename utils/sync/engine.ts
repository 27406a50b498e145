import { type LogEntry, MAX_BATCH, MAX_CIPHERTEXT, type Mutation } from '@tandem/protocol';
import * as z from 'zod/mini';
import type { SharedDb } from '../data/db';
import type { HlcClock } from '../data/hlc';
import { advanceClock } from '../data/shared-clock';
import { t } from '../i18n';
import { pendingOf } from '../queries/pairs';
import type { Role } from '../schema/common';
import type { SyncSpace } from '../schema/local';
import { type SharedTableName, sharedTables } from '../schema/tables';
import { searchEntryFor } from '../search/search-index';
import { type Failure, type Fetch, type SidecarClient, sidecarClient } from './client';
import {
  createPairSecret,
  DecryptError,
  decryptRecord,
  derivePairKeys,
  encryptRecord,
  fromBase64url,
  NewerEnvelopeError,
  opaqueRecordId,
  type PairKeys,
  sealedLength,
} from './crypto';
import {
  checkKeyProof,
  joinSecrets,
  keyProof,
  MAX_EPOCHS,
  openEpochSecret,
  rosterKey,
  sealEpochSecret,
  splitSecrets,
} from './epochs';
import { decodeInvite, type Invite, inviteCode, normalizeSidecarUrl } from './invite';
import {
  inviteHash,
  newExchangeKeyPair,
  newVaultKey,
  openFromVault,
  openSecretFrom,
  sealInVault,
  sealSecretFor,
  verificationCode,
} from './keys';
import { completeStamps, mergeRecord, type Stamps, type SyncedRow } from './merge';

/**
 * Sync of one shared pair with its sidecar: push what changed here, pull what changed there,
 * merge it in. Works on the shared database only — private notes and reflections live in a
 * database this module never opens — and never sees the panel.
 *
 * Push and crashes. The outbox holds one row per changed record. A push reads the rows, builds
 * one envelope per record from the record as it is now and its field stamps, and numbers them
 * lastMutationId+1…; the new lastMutationId is stored BEFORE the request goes out, so a number
 * is never used for two different things:
 * - the request fails without an answer (offline, timeout, the sidecar died mid-write): this
 *   engine resends the very same batch, same numbers, same envelopes. The sidecar stores a
 *   (device, mutation id) once and answers a repeat with its first seq, so nothing is applied
 *   twice.
 * - the browser dies before the answer: the batch in memory is gone, the numbers are burnt (the
 *   stored lastMutationId is past them). The outbox rows are still there, so the next push
 *   sends those records again with new numbers. If the first attempt did land, the log holds
 *   the same record version twice; merging a version twice changes nothing.
 * Only an answered push deletes outbox rows, and only rows not changed since the batch was
 * built (same queuedAt): an edit typed while the push was in flight goes out next time.
 *
 * Pull fetches pages after the cursor, decrypts and checks each version, and merges it
 * (utils/sync/merge.ts) — merged rows, their stamps, conflict copies and the new cursor in one
 * Dexie transaction, so a crash leaves either all of a page or none of it. A pull never writes
 * the outbox: a merged record is a combination of versions the sidecar already has.
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

/** A failure the person can act on; the message says what to do. */
export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    message: string,
    readonly kind: Failure['kind'] | 'not_shared' | 'invalid' | 'pair_exists' = 'invalid',
  ) {
    super(message);
  }
}

export type PushOutcome =
  | { ok: true; sent: number; tooLarge: string[] }
  | Failure
  | { ok: false; kind: 'not_shared'; message: string };

export type PullOutcome =
  | {
      ok: true;
      merged: number;
      conflicts: number;
      /** Versions that failed to decrypt or belonged elsewhere, skipped. */
      rejected: number;
      /** Set when the pull stopped at a version this Tandem cannot read (a newer Tandem's). */
      blocked?: string;
      /** What the sidecar was caught doing (kept until dismissed): the sentence to show. */
      warning?: string;
    }
  | Failure
  | { ok: false; kind: 'not_shared'; message: string };

export interface ShareResult {
  code: string;
  expiresAt: string;
}

/** A device that joined with one of this browser's invites and waits to be let in. */
export interface JoinRequest {
  deviceId: string;
  name: string;
  /** The six digits both members compare. */
  code: string;
}

export interface DeviceListing {
  deviceId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revoked: boolean;
  thisDevice: boolean;
}

/** What travels inside an envelope. */
const plaintextSchema = z.object({
  table: z.enum(Object.keys(sharedTables) as [SharedTableName, ...SharedTableName[]]),
  record: z.record(z.string(), z.unknown()),
  fields: z.record(z.string(), z.string()),
  base: z.record(z.string(), z.string()),
  /**
   * Ids of conflict copies of this record that the writer resolved (utils/data/records.ts
   * resolveConflict): every device marks its copy of the same id resolved. Copy ids are derived
   * from what the copy is (merge.ts conflictId), so they are the same on every device.
   */
  resolves: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(100))),
  /**
   * The writer's previous write the sidecar confirmed (its mutation id and opaque record id):
   * a reader that never saw it, and saw no newer version of that record after the writer's
   * write before it, knows the sidecar lost it.
   */
  prev: z.optional(z.object({ m: z.number(), r: z.string().check(z.maxLength(128)) })),
});

/** Ciphertext characters per push request: well inside the sidecar's 1 MB body limit. */
const BATCH_BYTES = 600_000;
/** Batches per push call; the scheduler calls again if more is waiting. */
const MAX_BATCHES = 20;
const PRIVATE_CAPABLE = new Set(['notes', 'reflections']);

interface BatchItem {
  rowId: string;
  queuedAt: number;
  fields: Stamps;
  base: Stamps;
  /** Resolved conflict copies announced in this version. */
  resolves: string[];
}

interface Batch {
  spaceId: string;
  mutations: Mutation[];
  items: BatchItem[];
  tooLarge: string[];
}

interface Opened {
  seq: number;
  prev?: { m: number; r: string } | undefined;
  table: SharedTableName;
  record: SyncedRow;
  fields: Stamps;
  base: Stamps;
  resolves: string[];
}

/** The longest `prev` a write can name, to size its envelope before it is numbered. */
const LONGEST_PREV = { m: Number.MAX_SAFE_INTEGER, r: 'x'.repeat(128) };

class Unreadable extends Error {}
class Foreign extends Error {}

type Integrity = NonNullable<SyncSpace['integrity']>['kind'];

/** What the person is told when the sidecar was caught rewriting the log. */
export function integrityWarning(kind: Integrity): string {
  switch (kind) {
    case 'backwards':
      return t('syncErrors.integrity.backwards');
    case 'tampered':
      return t('syncErrors.integrity.tampered');
    case 'replayed':
      return t('syncErrors.integrity.replayed');
    case 'lost':
      return t('syncErrors.integrity.lost');
  }
}

export class SyncEngine {
  readonly #pending = new Map<string, Batch>();
  readonly #keys = new Map<string, Promise<PairKeys>>();
  readonly #keysCheckedAt = new Map<string, number>();
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly store: SyncStore,
    readonly options: EngineOptions = {},
  ) {}

  client(baseUrl: string, token?: string): SidecarClient {
    return sidecarClient(baseUrl, token, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
    });
  }

  spaceClient(space: SyncSpace): SidecarClient {
    return this.client(space.sidecarUrl, space.deviceToken);
  }

  /** Runs one operation per pair at a time (push, pull and sharing changes do not interleave). */
  #locked<T>(pairId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(pairId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#locks.set(pairId, settled);
    void settled.then(() => {
      if (this.#locks.get(pairId) === settled) this.#locks.delete(pairId);
    });
    return next;
  }

  async #pairKeys(space: SyncSpace): Promise<PairKeys> {
    if (space.key && space.recordIdKey) return { content: space.key, recordIds: space.recordIdKey };
    if (space.secret) return this.#intoVault(space, space.secret);
    throw space.join
      ? new SyncError(t('syncErrors.awaitingKey'), 'awaiting_key')
      : new SyncError(t('syncErrors.keyIncomplete'));
  }

  /**
   * A space written by a Tandem before the vault kept the raw secret: derive the non-extractable
   * keys, seal the secret under a new vault key, and remove the raw secret.
   */
  async #intoVault(space: SyncSpace, secret: string): Promise<PairKeys> {
    let keys = this.#keys.get(space.id);
    if (!keys) {
      keys = (async () => {
        const raw = fromBase64url(secret);
        const derived = await derivePairKeys(raw);
        const vault = await newVaultKey();
        const sealedSecret = await sealInVault(vault, raw);
        await this.store.db.syncSpaces.update(space.id, {
          key: derived.content,
          recordIdKey: derived.recordIds,
          vault,
          sealedSecret,
          secret: undefined,
        });
        return derived;
      })();
      this.#keys.set(space.id, keys);
      void keys.finally(() => this.#keys.delete(space.id));
    }
    return keys;
  }

  /** The raw pair secret, opened from the vault in memory: only to seal it for a new device. */
  async #rawSecret(space: SyncSpace): Promise<Uint8Array<ArrayBuffer>> {
    if (space.secret) {
      await this.#intoVault(space, space.secret);
      return fromBase64url(space.secret);
    }
    if (!space.vault || !space.sealedSecret) throw new SyncError(t('syncErrors.keyIncomplete'));
    return openFromVault(space.vault, space.sealedSecret);
  }

  /**
   * For a browser waiting to be let in: asks the sidecar whether the other member has sealed the
   * pair secret for it; opens it (it must open with this browser's own exchange key and the
   * invite's — a key the sidecar made up does not) and keeps it in the vault. True once in.
   */
  collectKey(pairId: string): Promise<boolean> {
    return this.#locked(pairId, () => this.#collectKey(pairId));
  }

  async #collectKey(pairId: string): Promise<boolean> {
    const space = await this.store.db.syncSpaces.get(pairId);
    if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
    if (!space.join) return true;
    const answer = await this.spaceClient(space).key(space.spaceId);
    if (!answer.ok) {
      if (answer.kind === 'not_found') return false;
      throw new SyncError(failureAdvice(answer), answer.kind);
    }
    const bundle = await openSecretFrom(
      answer.value.sealed,
      { privateKey: space.join.privateKey, publicKey: space.join.publicKey },
      space.join.inviterKey,
      space.spaceId,
      space.deviceId,
    );
    // The key this browser joined with, checked by the codes, stays its device key.
    await this.#installSecrets(pairId, splitSecrets(bundle), {
      deviceKey: { privateKey: space.join.privateKey, publicKey: space.join.publicKey },
      join: undefined,
    });
    await this.#publishDeviceKey(pairId).catch(() => undefined);
    return true;
  }

  /**
   * Keeps every epoch's keys: the content key of each (the newest one writes), the record-id
   * and roster keys of the first, and all the secrets sealed in the vault.
   */
  async #installSecrets(
    pairId: string,
    secrets: Uint8Array[],
    extra: Partial<SyncSpace> = {},
  ): Promise<void> {
    const first = secrets[0];
    if (!first) throw new SyncError(t('syncErrors.keyIncomplete'));
    const derived = await Promise.all(secrets.map((secret) => derivePairKeys(secret)));
    const epoch = secrets.length - 1;
    const current = await this.store.db.syncSpaces.get(pairId);
    const vault = current?.vault ?? (await newVaultKey());
    await this.store.db.syncSpaces.update(pairId, {
      key: derived[epoch]?.content,
      recordIdKey: derived[0]?.recordIds,
      epoch,
      epochKeys: Object.fromEntries(derived.slice(0, -1).map((k, index) => [index, k.content])),
      rosterKey: await rosterKey(first),
      vault,
      sealedSecret: await sealInVault(vault, joinSecrets(secrets)),
      ...extra,
    });
  }

  /** Publishes this device's long-term public key with its proof, once. */
  async #publishDeviceKey(pairId: string): Promise<void> {
    let space = await this.store.db.syncSpaces.get(pairId);
    if (!space || space.join || space.deviceKeyPublished) return;
    if (!space.deviceKey || !space.rosterKey) {
      const secrets = splitSecrets(await this.#rawSecret(space));
      await this.#installSecrets(pairId, secrets, {
        deviceKey: space.deviceKey ?? (await newExchangeKeyPair()),
      });
      space = await this.store.db.syncSpaces.get(pairId);
      if (!space?.deviceKey || !space.rosterKey) return;
    }
    const { publicKey } = space.deviceKey;
    const proof = await keyProof(space.rosterKey, space.spaceId, space.deviceId, publicKey);
    const answer = await this.spaceClient(space).putDeviceKey(space.spaceId, publicKey, proof);
    // 409: the sidecar holds another key for this device; nothing this browser can change.
    if (answer.ok || answer.status === 409) {
      await this.store.db.syncSpaces.update(pairId, { deviceKeyPublished: true });
    } else {
      throw new SyncError(failureAdvice(answer), answer.kind);
    }
  }

  /**
   * Looks after the pair's keys (utils/sync/epochs.ts): publishes this device's key, pins the
   * other devices' keys that verify, takes the epochs other members made, and when a device
   * whose key it pinned is gone (removed, or it left) moves the pair to a new epoch that the
   * device gone never receives. At most every `keyCheckMs` unless forced.
   */
  checkKeys(pairId: string): Promise<void> {
    return this.#locked(pairId, () => this.#keepKeys(pairId, true));
  }

  async #keepKeys(pairId: string, force = false): Promise<void> {
    const now = Date.now();
    const last = this.#keysCheckedAt.get(pairId);
    if (!force && last !== undefined && now - last < (this.options.keyCheckMs ?? 60_000)) return;
    this.#keysCheckedAt.set(pairId, now);
    const initial = await this.store.db.syncSpaces.get(pairId);
    if (!initial || initial.join) return;
    await this.#publishDeviceKey(pairId);
    let space = await this.store.db.syncSpaces.get(pairId);
    if (!space?.deviceKey || !space.rosterKey) return;
    const client = this.spaceClient(space);
    const [keysAnswer, devicesAnswer] = await Promise.all([
      client.deviceKeys(space.spaceId),
      client.devices(space.spaceId),
    ]);
    const published = unwrap(keysAnswer).keys;
    const listing = unwrap(devicesAnswer).devices;
    // Pin the keys that verify; a second key for a pinned device is the sidecar's doing.
    const roster = { ...space.roster };
    let tampered = false;
    for (const entry of published) {
      if (entry.deviceId === space.deviceId || roster[entry.deviceId] === entry.publicKey) continue;
      const proven = await checkKeyProof(
        space.rosterKey,
        space.spaceId,
        entry.deviceId,
        entry.publicKey,
        entry.proof,
      );
      if (!proven || roster[entry.deviceId]) tampered = true;
      else roster[entry.deviceId] = entry.publicKey;
    }
    const present = new Set(listing.filter((d) => !d.revoked).map((d) => d.deviceId));
    const gone = Object.keys(roster).filter((id) => !present.has(id));
    await this.store.db.syncSpaces.update(pairId, {
      roster,
      ...(tampered && { integrity: { kind: 'tampered' as const, at: this.store.now() } }),
    });
    // Epochs another member made: each opens only with the key pinned for its sender.
    const made = await this.#takeEpochs(pairId, roster, gone);
    space = await this.store.db.syncSpaces.get(pairId);
    if (!space) return;
    const excluded = new Set(space.excluded ?? []);
    const newlyGone = gone.filter((id) => !excluded.has(id));
    if (newlyGone.length === 0 || made === 'conflict') return;
    await this.#newEpoch(space, roster, present, gone);
  }

  /** Takes the next epochs sealed for this device; 'conflict' when one does not open. */
  async #takeEpochs(
    pairId: string,
    roster: Record<string, string>,
    gone: string[],
  ): Promise<'taken' | 'none' | 'conflict'> {
    const space = await this.store.db.syncSpaces.get(pairId);
    if (!space?.deviceKey) return 'none';
    const held = (space.epoch ?? 0) + 1;
    const { grants } = unwrap(
      await this.spaceClient(space).epochKeys(space.spaceId, space.epoch ?? 0),
    );
    let secrets: Uint8Array[] | undefined;
    for (const grant of [...grants].sort((a, b) => a.epoch - b.epoch)) {
      if (grant.epoch !== (secrets?.length ?? held)) continue;
      const sender = roster[grant.grantedBy];
      if (!sender) continue;
      try {
        const secret = await openEpochSecret(
          grant.sealed,
          { deviceId: space.deviceId, key: space.deviceKey },
          { deviceId: grant.grantedBy, publicKey: sender },
          space.spaceId,
          grant.epoch,
        );
        secrets ??= splitSecrets(await this.#rawSecret(space));
        secrets.push(secret);
      } catch {
        await this.store.db.syncSpaces.update(pairId, {
          integrity: { kind: 'tampered', at: this.store.now() },
        });
        return 'conflict';
      }
    }
    if (!secrets) return 'none';
    // The member who moved on left out the devices gone by then.
    await this.#installSecrets(pairId, secrets, {
      excluded: [...new Set([...(space.excluded ?? []), ...gone])],
    });
    return 'taken';
  }

  /** A new epoch: a new secret sealed for every remaining device whose key is pinned. */
  async #newEpoch(
    space: SyncSpace,
    roster: Record<string, string>,
    present: Set<string>,
    gone: string[],
  ): Promise<void> {
    if (!space.deviceKey) return;
    const secrets = splitSecrets(await this.#rawSecret(space));
    if (secrets.length >= MAX_EPOCHS) throw new SyncError(t('syncErrors.tooManyEpochs'));
    const epoch = secrets.length;
    const secret = createPairSecret();
    const from = { deviceId: space.deviceId, key: space.deviceKey };
    const grants = [];
    for (const [deviceId, publicKey] of Object.entries(roster)) {
      if (!present.has(deviceId) || deviceId === space.deviceId) continue;
      grants.push({
        deviceId,
        sealed: await sealEpochSecret(secret, from, { deviceId, publicKey }, space.spaceId, epoch),
      });
    }
    if (grants.length > 0) {
      const answer = await this.spaceClient(space).grantEpoch(space.spaceId, epoch, grants);
      if (!answer.ok) {
        // Another member moved on first: take theirs.
        if (answer.status === 409) {
          await this.#takeEpochs(space.id, roster, gone);
          return;
        }
        throw new SyncError(failureAdvice(answer), answer.kind);
      }
    }
    await this.#installSecrets(space.id, [...secrets, secret], {
      excluded: [...new Set([...(space.excluded ?? []), ...gone])],
    });
  }

  /** The content key that opens an envelope of this epoch, if this browser holds it. */
  #contentKey(space: SyncSpace, epoch: number): CryptoKey | undefined {
    if (epoch === (space.epoch ?? 0)) return space.key;
    return space.epochKeys?.[String(epoch)];
  }

  /** The code this browser shows while it waits to be let in; null once it is in. */
  async waitingCode(pairId: string): Promise<string | null> {
    return (await this.store.db.syncSpaces.get(pairId))?.join?.code ?? null;
  }

  /**
   * Devices that joined with one of this browser's invites and wait to be let in, each with the
   * code to compare. A join whose invite this browser did not make is not listed here.
   */
  async joinRequests(pairId: string): Promise<JoinRequest[]> {
    const space = await this.store.db.syncSpaces.get(pairId);
    if (!space?.invites?.length || !space.key) return [];
    const client = this.spaceClient(space);
    const [joinsAnswer, devicesAnswer] = await Promise.all([
      client.joins(space.spaceId),
      client.devices(space.spaceId),
    ]);
    const joins = unwrap(joinsAnswer);
    const devices = unwrap(devicesAnswer);
    const requests: JoinRequest[] = [];
    for (const join of joins.joins) {
      if (join.granted) continue;
      const invite = space.invites.find((i) => i.hash === join.inviteHash);
      const device = devices.devices.find((d) => d.deviceId === join.deviceId && !d.revoked);
      if (!invite || !device) continue;
      requests.push({
        deviceId: join.deviceId,
        name: device.name,
        code: await verificationCode(
          space.spaceId,
          join.deviceId,
          invite.publicKey,
          join.publicKey,
        ),
      });
    }
    return requests;
  }

  /**
   * The inviting member compared the codes and they match: seal the pair secret for that
   * device with the invite's one-time key, send it, and forget the one-time key. The public key
   * sealed for is read again here, so what is sealed matches the code that was shown.
   */
  letIn(pairId: string, deviceId: string, shownCode: string): Promise<void> {
    return this.#locked(pairId, async () => {
      const space = await this.store.db.syncSpaces.get(pairId);
      if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
      const client = this.spaceClient(space);
      const join = unwrap(await client.joins(space.spaceId)).joins.find(
        (j) => j.deviceId === deviceId,
      );
      const invite = space.invites?.find((i) => i.hash === join?.inviteHash);
      if (!join || !invite || join.granted) throw new SyncError(t('syncErrors.noJoinRequest'));
      const code = await verificationCode(
        space.spaceId,
        deviceId,
        invite.publicKey,
        join.publicKey,
      );
      if (code !== shownCode) throw new SyncError(t('syncErrors.codeChanged'));
      const sealed = await sealSecretFor(
        await this.#rawSecret(space),
        { privateKey: invite.privateKey, publicKey: invite.publicKey },
        join.publicKey,
        space.spaceId,
        deviceId,
      );
      unwrap(await client.grantKey(space.spaceId, deviceId, sealed));
      // Its key was checked by the codes: pinned now, so a new epoch can be sealed for it.
      await this.store.db.syncSpaces.update(pairId, {
        roster: { ...space.roster, [deviceId]: join.publicKey },
      });
      await this.#forgetInvite(pairId, invite.hash);
    });
  }

  /** The codes differ: the device is removed and its invite's one-time key forgotten. */
  refuse(pairId: string, deviceId: string): Promise<void> {
    return this.#locked(pairId, async () => {
      const space = await this.store.db.syncSpaces.get(pairId);
      if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
      const client = this.spaceClient(space);
      const join = unwrap(await client.joins(space.spaceId)).joins.find(
        (j) => j.deviceId === deviceId,
      );
      unwrap(await client.revokeDevice(space.spaceId, deviceId));
      if (join) await this.#forgetInvite(pairId, join.inviteHash);
    });
  }

  async #forgetInvite(pairId: string, hash: string): Promise<void> {
    const { db } = this.store;
    await db.transaction('rw', db.syncSpaces, async () => {
      const current = await db.syncSpaces.get(pairId);
      if (!current) return;
      const now = new Date().toISOString();
      await db.syncSpaces.update(pairId, {
        invites: (current.invites ?? []).filter((i) => i.hash !== hash && i.expiresAt > now),
      });
    });
  }

  /* ---------- push ---------- */

  push(pairId: string): Promise<PushOutcome> {
    return this.#locked(pairId, async () => {
      let sent = 0;
      let tooLarge: string[] = [];
      for (let round = 0; round < MAX_BATCHES; round++) {
        let space = await this.store.db.syncSpaces.get(pairId);
        if (!space) return notShared();
        if (space.join) {
          if (!(await this.#collectKey(pairId))) return awaitingKey();
          space = await this.store.db.syncSpaces.get(pairId);
          if (!space) return notShared();
        }
        await this.#keepKeys(pairId).catch(() => undefined);
        space = (await this.store.db.syncSpaces.get(pairId)) ?? space;
        let batch = this.#pending.get(pairId);
        if (batch && batch.spaceId !== space.spaceId) batch = undefined;
        if (!batch) {
          batch = await this.#buildBatch(pairId, space);
          if (!batch) break;
          tooLarge = batch.tooLarge;
          if (batch.mutations.length === 0) break;
          this.#pending.set(pairId, batch);
        }
        const answer = await this.spaceClient(space).push(space.spaceId, batch.mutations);
        if (!answer.ok) {
          // Without an answer the batch may or may not have landed: keep it and resend it as
          // it is. A refusal (revoked, malformed) will not get better by resending.
          if (
            answer.kind !== 'offline' &&
            answer.kind !== 'server' &&
            answer.kind !== 'rate_limited'
          ) {
            this.#pending.delete(pairId);
          }
          return answer;
        }
        const answered = new Set(answer.value.results.map((r) => r.mutationId));
        if (!batch.mutations.every((m) => answered.has(m.mutationId))) {
          this.#pending.delete(pairId);
          return {
            ok: false,
            kind: 'bad_response',
            message: t('syncErrors.unconfirmed'),
          };
        }
        this.#pending.delete(pairId);
        await this.#acknowledge(pairId, batch);
        sent += batch.mutations.length;
      }
      return { ok: true, sent, tooLarge };
    });
  }

  async #buildBatch(pairId: string, space: SyncSpace): Promise<Batch | undefined> {
    const { db } = this.store;
    const limit = Math.min(this.options.batchSize ?? 200, MAX_BATCH);
    const tables = Object.keys(sharedTables).map((name) => db.table(name));
    // One read transaction: each record, its stamps and its outbox row as of the same moment.
    const snapshot = await db.transaction('r', [db.outbox, db.syncMeta, ...tables], async () => {
      const rows = (await db.outbox.where('pairId').equals(pairId).toArray()).sort(
        (a, b) => a.queuedAt - b.queuedAt,
      );
      const out = [];
      for (const row of rows) {
        if (!(row.table in sharedTables)) {
          out.push({ row, record: undefined, meta: undefined });
          continue;
        }
        const record = (await db.table(row.table).get(row.recordId)) as SyncedRow | undefined;
        const meta = await db.syncMeta.get(row.id);
        out.push({ row, record, meta });
      }
      return out;
    });
    if (snapshot.length === 0) return undefined;

    const keys = await this.#pairKeys(space);
    const prepared: { recordId: string; content: Record<string, unknown> }[] = [];
    const items: BatchItem[] = [];
    const tooLarge: string[] = [];
    const unsendable: { id: string; queuedAt: number }[] = [];
    let bytes = 0;
    for (const { row, record, meta } of snapshot) {
      if (prepared.length >= limit || bytes >= BATCH_BYTES) break;
      // Nothing to send (gone, or not a shared record): the row goes.
      if (
        !record ||
        (PRIVATE_CAPABLE.has(row.table) && record.visibility !== 'shared') ||
        (row.table === 'pairs' ? record.id : record.pairId) !== pairId
      ) {
        unsendable.push({ id: row.id, queuedAt: row.queuedAt });
        continue;
      }
      const fields = completeStamps(record, meta?.fields ?? {});
      const base = meta?.synced ?? {};
      const resolves = meta?.resolves ?? [];
      const content = {
        table: row.table,
        record,
        fields,
        base,
        ...(resolves.length > 0 && { resolves }),
      };
      // Padded to its size bucket, so its size is known before it is sealed (with the longest
      // `prev` it could name).
      const length = sealedLength(JSON.stringify({ ...content, prev: LONGEST_PREV }));
      if (length > MAX_CIPHERTEXT) {
        tooLarge.push(`${row.table}:${record.id}`);
        continue;
      }
      bytes += length;
      const recordId = await opaqueRecordId(keys.recordIds, row.table, record.id);
      prepared.push({ recordId, content });
      items.push({ rowId: row.id, queuedAt: row.queuedAt, fields, base, resolves });
    }
    if (unsendable.length > 0) {
      await db.transaction('rw', db.outbox, async () => {
        for (const { id, queuedAt } of unsendable) {
          if ((await db.outbox.get(id))?.queuedAt === queuedAt) await db.outbox.delete(id);
        }
      });
    }
    if (prepared.length === 0) return { spaceId: space.spaceId, mutations: [], items, tooLarge };

    // Number the batch and store the last number before anything is sealed or sent: the
    // writer and its mutation id are sealed into each envelope.
    const first = await db.transaction('rw', db.syncSpaces, async () => {
      const current = await db.syncSpaces.get(pairId);
      if (!current || current.spaceId !== space.spaceId)
        throw new SyncError(t('syncErrors.sharingStopped'));
      await db.syncSpaces.update(pairId, {
        lastMutationId: current.lastMutationId + prepared.length,
      });
      return current.lastMutationId + 1;
    });
    const mutations: Mutation[] = [];
    // Each write names the one before it: the last confirmed, then those of this batch.
    let prev = space.lastAcked;
    for (const [index, { recordId, content }] of prepared.entries()) {
      const mutationId = first + index;
      const writer = { deviceId: space.deviceId, mutationId };
      const plaintext = JSON.stringify({ ...content, ...(prev && { prev }) });
      prev = { m: mutationId, r: recordId };
      const envelope = await encryptRecord(
        keys.content,
        space.spaceId,
        recordId,
        plaintext,
        writer,
        space.epoch ?? 0,
      );
      mutations.push({ mutationId, recordId, envelope });
    }
    return { spaceId: space.spaceId, mutations, items, tooLarge };
  }

  /** The sidecar has the batch: retire unchanged outbox rows, and move the merge bases on. */
  async #acknowledge(pairId: string, batch: Batch): Promise<void> {
    const { db } = this.store;
    const newest = batch.mutations.at(-1);
    await db.transaction('rw', db.outbox, db.syncMeta, db.syncSpaces, async () => {
      const space = await db.syncSpaces.get(pairId);
      if (newest && space?.spaceId === batch.spaceId) {
        await db.syncSpaces.update(pairId, {
          lastAcked: { m: newest.mutationId, r: newest.recordId },
        });
      }
      for (const item of batch.items) {
        const row = await db.outbox.get(item.rowId);
        if (row && row.queuedAt === item.queuedAt) await db.outbox.delete(item.rowId);
        const meta = await db.syncMeta.get(item.rowId);
        const synced = { ...(meta?.synced ?? {}) };
        for (const [field, stamp] of Object.entries(item.fields)) {
          // Unless a pull took the other side's version of this field meanwhile, what was
          // sent is now the version later edits here are made on top of.
          if ((synced[field] ?? '') === (item.base[field] ?? '')) synced[field] = stamp;
        }
        // The other devices have heard of these resolved copies; any resolved since still wait.
        const told = new Set(item.resolves);
        const resolves = (meta?.resolves ?? []).filter((id) => !told.has(id));
        await db.syncMeta.put({
          ...meta,
          id: item.rowId,
          fields: meta?.fields ?? item.fields,
          synced,
          resolves,
        });
      }
    });
  }

  /* ---------- pull ---------- */

  pull(pairId: string): Promise<PullOutcome> {
    return this.#locked(pairId, () => this.#pull(pairId));
  }

  /**
   * Pulls the log after this browser's cursor and merges it, trusting the sidecar no further
   * than it can check: the cursor moves only to entries that verified (never to a cursor the
   * sidecar merely claims), an entry that does not verify or is an old one offered again is
   * skipped, and a log whose newest entry lies behind the cursor went backwards — this
   * browser's records are queued to go up again and the person is warned.
   */
  async #pull(pairId: string): Promise<PullOutcome> {
    const pageSize = this.options.pageSize ?? 500;
    const total = { merged: 0, conflicts: 0, rejected: 0 };
    /** Confirmed writes a later one names but that were not read: lost, unless superseded. */
    const missing: { r: string; after: number }[] = [];
    for (;;) {
      let space = await this.store.db.syncSpaces.get(pairId);
      if (!space) return notShared();
      if (space.join) {
        if (!(await this.#collectKey(pairId))) return awaitingKey();
        space = await this.store.db.syncSpaces.get(pairId);
        if (!space) return notShared();
      }
      await this.#pairKeys(space); // a space without its key fails here, loudly
      await this.#keepKeys(pairId).catch(() => undefined);
      space = (await this.store.db.syncSpaces.get(pairId)) ?? space;
      const page = await this.spaceClient(space).pull(space.spaceId, space.cursor, pageSize);
      if (!page.ok) return page;

      const opened: Opened[] = [];
      const writers = { ...space.writers };
      const writerSeqs = { ...space.writerSeqs };
      const recordSeqs = { ...space.recordSeqs };
      let cursor = space.cursor;
      let blocked: string | undefined;
      let caught: Integrity | undefined;
      let keysTaken = false;
      for (const entry of page.value.entries) {
        if (entry.seq <= cursor) {
          // Out of order, or an entry before the cursor asked for: not what a sidecar sends.
          if (entry.seq > space.cursor) caught ??= 'tampered';
          continue;
        }
        try {
          let version: Opened;
          try {
            version = await this.#open(pairId, space, entry);
          } catch (error) {
            // Perhaps sealed under an epoch this browser has not taken yet: take it, try again.
            if (!(error instanceof DecryptError) || keysTaken) throw error;
            keysTaken = true;
            await this.#keepKeys(pairId, true).catch(() => undefined);
            space = (await this.store.db.syncSpaces.get(pairId)) ?? space;
            version = await this.#open(pairId, space, entry);
          }
          if (entry.envelope.v >= 2) {
            const seen = writers[entry.deviceId] ?? 0;
            if (entry.mutationId <= seen) {
              caught ??= 'replayed';
              continue;
            }
            if (version.prev && version.prev.m > seen) {
              missing.push({ r: version.prev.r, after: writerSeqs[entry.deviceId] ?? 0 });
            }
            writers[entry.deviceId] = entry.mutationId;
            writerSeqs[entry.deviceId] = entry.seq;
          }
          recordSeqs[entry.recordId] = entry.seq;
          // Our own versions are here already (or something newer is): checked, not applied.
          if (entry.deviceId !== space.deviceId) opened.push(version);
        } catch (error) {
          if (error instanceof Unreadable) {
            blocked = error.message;
            break;
          }
          if (error instanceof DecryptError) caught ??= 'tampered';
          total.rejected += 1;
          if (!(error instanceof Foreign)) continue;
        }
        cursor = entry.seq;
      }
      const last = !page.value.more || page.value.entries.length === 0;
      // A write compaction removed has a newer version of its record after it; one without is
      // lost. (Checked against everything read so far, this page's entries included.)
      if (last && missing.some((gap) => (recordSeqs[gap.r] ?? 0) <= gap.after)) caught ??= 'lost';
      const head = page.value.head;
      const backwards = !blocked && last && head !== undefined && head < space.cursor;
      if (backwards) {
        caught = 'backwards';
        cursor = head;
      }
      const applied = await this.#apply(pairId, space, opened, cursor, {
        writers,
        writerSeqs,
        recordSeqs,
        caught,
      });
      if (backwards) await this.#queuePair(pairId);
      total.merged += applied.merged;
      total.conflicts += applied.conflicts;
      total.rejected += applied.rejected;
      const warning = await this.#warning(pairId);
      if (blocked) return { ok: true, ...total, blocked, ...(warning && { warning }) };
      if (last || cursor === space.cursor) {
        return { ok: true, ...total, ...(warning && { warning }) };
      }
    }
  }

  /** The warning the person has not dismissed yet, as a sentence. */
  async #warning(pairId: string): Promise<string | undefined> {
    const integrity = (await this.store.db.syncSpaces.get(pairId))?.integrity;
    return integrity && integrityWarning(integrity.kind);
  }

  /** The person read the warning: it goes until the sidecar is caught again. */
  async dismissWarning(pairId: string): Promise<void> {
    await this.store.db.syncSpaces.update(pairId, { integrity: undefined });
  }

  /** Decrypts and checks one log entry; throws DecryptError, Foreign or Unreadable. */
  async #open(pairId: string, space: SyncSpace, entry: LogEntry): Promise<Opened> {
    const keys = await this.#pairKeys(space);
    const writer = { deviceId: entry.deviceId, mutationId: entry.mutationId };
    // The envelope does not say its epoch: the newest key first, as most records are new.
    let text: string | undefined;
    let failure: unknown;
    for (let epoch = space.epoch ?? 0; epoch >= 0 && text === undefined; epoch--) {
      const content = this.#contentKey(space, epoch);
      if (!content) continue;
      try {
        text = await decryptRecord(
          content,
          space.spaceId,
          entry.recordId,
          entry.envelope,
          writer,
          epoch,
        );
      } catch (error) {
        if (error instanceof NewerEnvelopeError) throw new Unreadable(t('syncErrors.update'));
        failure ??= error;
        if (entry.envelope.v < 2) break;
      }
    }
    if (text === undefined) throw failure ?? new DecryptError('No key of this pair opens it.');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DecryptError('The record is not JSON.');
    }
    const parsed = plaintextSchema.safeParse(json);
    if (!parsed.success) {
      throw new Unreadable(t('syncErrors.update'));
    }
    const { table, fields, base, resolves = [], prev } = parsed.data;
    const checked = sharedTables[table].schema.safeParse(parsed.data.record);
    if (!checked.success) {
      throw new Unreadable(t('syncErrors.update'));
    }
    const record = checked.data as SyncedRow;
    // The ciphertext must sit where its own record id puts it, and belong to this pair.
    if ((await opaqueRecordId(keys.recordIds, table, record.id)) !== entry.recordId) {
      throw new DecryptError('The record was moved to another record id.');
    }
    if ((table === 'pairs' ? record.id : record.pairId) !== pairId) {
      throw new Foreign('The record belongs to another pair.');
    }
    if (PRIVATE_CAPABLE.has(table) && record.visibility !== 'shared') {
      throw new Foreign('A private record is never stored from sync.');
    }
    return { seq: entry.seq, prev, table, record, fields, base, resolves };
  }

  async #apply(
    pairId: string,
    space: SyncSpace,
    opened: Opened[],
    cursor: number,
    seen: {
      writers: Record<string, number>;
      writerSeqs: Record<string, number>;
      recordSeqs: Record<string, number>;
      caught?: Integrity | undefined;
    },
  ): Promise<{ merged: number; conflicts: number; rejected: number }> {
    const { db } = this.store;
    const counts = { merged: 0, conflicts: 0, rejected: 0 };
    const tables = Object.keys(sharedTables).map((name) => db.table(name));
    const createdAt = this.store.now();
    await db.transaction(
      'rw',
      [...tables, db.syncMeta, db.conflicts, db.syncSpaces, db.searchIndex, db.clock],
      async () => {
        const current = await db.syncSpaces.get(pairId);
        // Sharing stopped, or another page of this browser got here first.
        if (!current || current.spaceId !== space.spaceId) return;
        for (const version of opened) {
          if (version.seq <= current.cursor) continue;
          const { table, record } = version;
          const key = `${table}:${record.id}`;
          const rows = db.table<SyncedRow, string>(table);
          const local = await rows.get(record.id);
          if (local && (table === 'pairs' ? local.id : local.pairId) !== pairId) {
            counts.rejected += 1;
            continue;
          }
          const meta = local ? await db.syncMeta.get(key) : undefined;
          const result = mergeRecord(
            table,
            local && { record: local, fields: meta?.fields ?? {}, synced: meta?.synced ?? {} },
            { record, fields: version.fields, base: version.base },
          );
          if (result.changed) {
            const merged = sharedTables[table].schema.safeParse(result.record);
            if (!merged.success) {
              counts.rejected += 1;
              continue;
            }
            await rows.put(merged.data as SyncedRow);
            await db.syncMeta.put({
              ...meta,
              id: key,
              fields: result.fields,
              synced: result.synced,
            });
            const entry = searchEntryFor(table, merged.data as SyncedRow);
            if (entry) await db.searchIndex.put(entry);
            else await db.searchIndex.delete(key);
            counts.merged += 1;
          }
          for (const copy of result.conflicts) {
            if (await db.conflicts.get(copy.id)) continue;
            await db.conflicts.add({
              id: copy.id,
              pairId: copy.pairId,
              table: copy.table,
              recordId: copy.recordId,
              field: copy.field,
              text: copy.text,
              fromDeviceId: copy.fromDeviceId,
              createdAt,
              resolved: false,
            });
            counts.conflicts += 1;
          }
          for (const id of result.superseded) {
            const copy = await db.conflicts.get(id);
            if (copy && !copy.resolved) await db.conflicts.delete(id);
          }
          // Copies the other device settled: settled here too (only this record's own).
          for (const id of version.resolves) {
            const copy = await db.conflicts.get(id);
            if (copy && !copy.resolved && copy.recordId === record.id && copy.table === table) {
              await db.conflicts.update(id, { resolved: true });
            }
          }
        }
        // The HLC receive rule, kept where every page of this browser stamps from.
        let latest = '';
        for (const version of opened) {
          for (const stamp of [version.record.updatedAt, ...Object.values(version.fields)]) {
            if (stamp > latest) latest = stamp;
          }
        }
        if (latest) await advanceClock(db, latest);
        await db.syncSpaces.update(pairId, {
          // Forward only, except when the log went backwards: then to where it is now.
          cursor: seen.caught === 'backwards' ? cursor : Math.max(cursor, current.cursor),
          writers: seen.writers,
          writerSeqs: seen.writerSeqs,
          recordSeqs: seen.recordSeqs,
          ...(seen.caught && { integrity: { kind: seen.caught, at: this.store.now() } }),
        });
      },
    );
    // Later edits here must be stamped after everything just merged.
    for (const version of opened) {
      for (const stamp of Object.values(version.fields)) this.store.clock.receive(stamp);
    }
    return counts;
  }

  /** Push, then pull. */
  async sync(pairId: string): Promise<{ push: PushOutcome; pull: PullOutcome | undefined }> {
    const push = await this.push(pairId);
    if (!push.ok && push.kind !== 'payload_too_large' && push.kind !== 'bad_request') {
      return { push, pull: undefined };
    }
    return { push, pull: await this.pull(pairId) };
  }

  /* ---------- sharing ---------- */

  /**
   * Shares a pair: makes a space on the sidecar and a pair secret, keeps both here, queues every
   * shared record of the pair for the first push, and returns an invite for the other member.
   */
  /** createToken: the sidecar's creation token, when its operator set one. */
  async sharePair(
    pairId: string,
    sidecarUrl: string,
    deviceName: string,
    createToken?: string,
  ): Promise<ShareResult> {
    const url = normalizeSidecarUrl(sidecarUrl);
    return this.#locked(pairId, async () => {
      const { db } = this.store;
      const pair = await db.pairs.get(pairId);
      if (!pair || pair.deleted) throw new SyncError(t('records.gone.pairs'));
      if (await db.syncSpaces.get(pairId)) {
        throw new SyncError(t('syncErrors.sharedAlready'));
      }
      const created = unwrap(
        await this.client(url).createSpace(deviceName.slice(0, 100), createToken?.trim()),
      );
      const secret = createPairSecret();
      const keys = await derivePairKeys(secret);
      const vault = await newVaultKey();
      const space: SyncSpace = {
        id: pairId,
        sidecarUrl: url,
        spaceId: created.spaceId,
        deviceId: created.deviceId,
        deviceToken: created.deviceToken,
        key: keys.content,
        recordIdKey: keys.recordIds,
        epoch: 0,
        rosterKey: await rosterKey(secret),
        deviceKey: await newExchangeKeyPair(),
        vault,
        sealedSecret: await sealInVault(vault, secret),
        cursor: 0,
        lastMutationId: 0,
      };
      await db.transaction(
        'rw',
        [db.syncSpaces, db.outbox, ...Object.keys(sharedTables).map((name) => db.table(name))],
        async () => {
          await db.syncSpaces.put(space);
          await this.#queuePair(pairId);
        },
      );
      await this.#publishDeviceKey(pairId).catch(() => undefined);
      return this.#invite(space);
    });
  }

  /** A new one-time invite into a pair shared already (the last one was used or expired). */
  async createInvite(pairId: string): Promise<ShareResult> {
    const space = await this.store.db.syncSpaces.get(pairId);
    if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
    return this.#invite(space);
  }

  async #invite(space: SyncSpace): Promise<ShareResult> {
    // Only a browser that holds the key can let anyone in.
    await this.#pairKeys(space);
    const made = unwrap(await this.spaceClient(space).createInvite(space.spaceId));
    const exchange = await newExchangeKeyPair();
    const hash = await inviteHash(made.inviteToken);
    const { db } = this.store;
    await db.transaction('rw', db.syncSpaces, async () => {
      const current = await db.syncSpaces.get(space.id);
      if (!current) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
      const now = new Date().toISOString();
      await db.syncSpaces.update(space.id, {
        invites: [
          ...(current.invites ?? []).filter((i) => i.expiresAt > now),
          { hash, ...exchange, expiresAt: made.expiresAt },
        ],
      });
    });
    const invite: Invite = {
      sidecarUrl: space.sidecarUrl,
      spaceId: space.spaceId,
      inviteToken: made.inviteToken,
      inviterKey: exchange.publicKey,
      pairId: space.id,
    };
    return { code: inviteCode(invite), expiresAt: made.expiresAt };
  }

  /**
   * Joins a pair with an invite: becomes a device of the space with a one-time exchange key, and
   * returns the code to compare with the inviting member. The pair's key arrives only once they
   * let this browser in (collectKey). Joining a pair this browser has already needs `merge`
   * (the person said yes), and even then nothing from here is sent on its own: only what is
   * changed afterwards.
   */
  async joinPair(
    inviteText: string,
    deviceName: string,
    options: { myRole?: Role; merge?: boolean } = {},
  ): Promise<{ pairId: string; code: string }> {
    const invite = decodeInvite(inviteText);
    const pairId = invite.pairId;
    const code = await this.#locked(pairId, async () => {
      const { db } = this.store;
      const existing = await db.syncSpaces.get(pairId);
      if (existing) {
        throw new SyncError(
          existing.spaceId === invite.spaceId
            ? t('syncErrors.joinedAlready')
            : t('syncErrors.sharedFromHere'),
        );
      }
      const here = await db.pairs.get(pairId);
      if (here && !here.deleted && !options.merge) {
        throw new SyncError(t('sync.join.existing', here.title), 'pair_exists');
      }
      const exchange = await newExchangeKeyPair();
      const joined = unwrap(
        await this.client(invite.sidecarUrl).join(
          invite.spaceId,
          invite.inviteToken,
          deviceName.slice(0, 100),
          exchange.publicKey,
        ),
      );
      const code = await verificationCode(
        joined.spaceId,
        joined.deviceId,
        invite.inviterKey,
        exchange.publicKey,
      );
      await db.transaction('rw', db.syncSpaces, db.outbox, async () => {
        await db.syncSpaces.put({
          id: pairId,
          sidecarUrl: invite.sidecarUrl,
          spaceId: joined.spaceId,
          deviceId: joined.deviceId,
          deviceToken: joined.deviceToken,
          join: { ...exchange, inviterKey: invite.inviterKey, code },
          cursor: 0,
          lastMutationId: 0,
        });
        // What this browser wrote before joining stays here: it is not sent on its own.
        await db.outbox.where('pairId').equals(pairId).delete();
      });
      return code;
    });
    // "My role" is this browser's own (merge.ts LOCAL_FIELDS): the inviter's does not apply.
    if (options.myRole) this.#myRole.set(pairId, options.myRole);
    return { pairId, code };
  }

  readonly #myRole = new Map<string, Role>();

  /** After the key came: pull everything, and set this browser's own role in the pair. */
  async afterLetIn(pairId: string, myRole?: Role): Promise<PullOutcome> {
    const pull = await this.pull(pairId);
    const role = myRole ?? this.#myRole.get(pairId);
    if (role) {
      await this.store.db.transaction('rw', this.store.db.pairs, async () => {
        const pair = await this.store.db.pairs.get(pairId);
        if (pair && pair.myRole !== role)
          await this.store.db.pairs.update(pairId, { myRole: role });
      });
    }
    return pull;
  }

  /** Puts every live shared record of the pair in the outbox. Runs inside a transaction. */
  async #queuePair(pairId: string): Promise<void> {
    const { db } = this.store;
    const queuedAt = this.store.now();
    for (const table of Object.keys(sharedTables) as SharedTableName[]) {
      const rows = (
        table === 'pairs'
          ? [await db.pairs.get(pairId)]
          : await db.table(table).where('pairId').equals(pairId).toArray()
      ) as (SyncedRow | undefined)[];
      await db.outbox.bulkPut(
        rows
          // A fresh space needs no tombstones, and deleted text has no business leaving.
          .filter((row): row is SyncedRow => !!row && !row.deleted)
          .filter((row) => !PRIVATE_CAPABLE.has(table) || row.visibility === 'shared')
          .map((row) => ({
            id: `${table}:${row.id}`,
            table,
            recordId: row.id,
            pairId,
            queuedAt,
          })),
      );
    }
  }

  async listDevices(pairId: string): Promise<DeviceListing[]> {
    const space = await this.store.db.syncSpaces.get(pairId);
    if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
    const { devices } = unwrap(await this.spaceClient(space).devices(space.spaceId));
    return devices.map((device) => ({ ...device, thisDevice: device.deviceId === space.deviceId }));
  }

  /** Cuts another device off the pair (its token stops working at once). */
  async revokeDevice(pairId: string, deviceId: string): Promise<void> {
    const space = await this.store.db.syncSpaces.get(pairId);
    if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
    if (deviceId === space.deviceId) {
      await this.stopSharing(pairId);
      return;
    }
    unwrap(await this.spaceClient(space).revokeDevice(space.spaceId, deviceId));
    // What is written from now on is sealed under a key the removed device never receives.
    await this.checkKeys(pairId);
  }

  /**
   * Leaves the pair's space: this browser stops syncing it and forgets the token and the key.
   * Everything the pair holds stays here. Returns false when the sidecar could not be told
   * (then the other member can remove this device from their list).
   */
  stopSharing(pairId: string): Promise<boolean> {
    return this.#locked(pairId, async () => {
      const { db } = this.store;
      const space = await db.syncSpaces.get(pairId);
      if (!space) return true;
      const left = await this.spaceClient(space).leave(space.spaceId);
      this.#pending.delete(pairId);
      await db.transaction('rw', db.syncSpaces, db.outbox, async () => {
        await db.syncSpaces.delete(pairId);
        await db.outbox.where('pairId').equals(pairId).delete();
      });
      return left.ok || left.kind === 'unauthorized';
    });
  }

  /** Changes waiting to go out for a pair. */
  pending(pairId: string): Promise<number> {
    return pendingOf(this.store.db, pairId);
  }
}

function notShared(): { ok: false; kind: 'not_shared'; message: string } {
  return { ok: false, kind: 'not_shared', message: t('syncErrors.notShared') };
}

function awaitingKey(): Failure {
  return { ok: false, kind: 'awaiting_key', message: t('syncErrors.awaitingKey') };
}

/** A failed call as a SyncError whose message says what to do. */
function unwrap<T>(result: { ok: true; value: T } | Failure): T {
  if (result.ok) return result.value;
  throw new SyncError(failureAdvice(result), result.kind);
}

/** What a person should do about a failure. */
export function failureAdvice(failure: { kind: string; message: string }): string {
  switch (failure.kind) {
    case 'offline':
      return t('syncErrors.advice.offline');
    case 'unauthorized':
    case 'forbidden':
      return t('syncErrors.advice.refused');
    case 'not_found':
      return t('syncErrors.advice.notFound');
    case 'invite_invalid':
      return t('syncErrors.advice.inviteInvalid');
    case 'awaiting_key':
      return t('syncErrors.advice.awaitingKey');
    case 'payload_too_large':
      return t('syncErrors.advice.tooLarge');
    case 'rate_limited':
      return t('syncErrors.advice.busy');
    case 'quota_exceeded':
      return t('syncErrors.advice.full');
    case 'limit_reached':
      return t('syncErrors.advice.limit');
    case 'create_token_required':
      return t('syncErrors.advice.createToken');
    case 'origin_not_allowed':
      return t('syncErrors.advice.origin', globalThis.location?.origin ?? 'chrome-extension://…');
    case 'server':
      return t('syncErrors.advice.server');
    case 'bad_response':
      return failure.message;
    default:
      return failure.message;
  }
}
