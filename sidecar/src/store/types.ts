import type { Envelope, LogEntry } from '@tandem/protocol';
import type { EpochKeyStore } from './epoch-keys';
import type { KeyExchangeStore } from './key-exchange';
import type { ProgrammeStore } from './programmes';

/**
 * What the sidecar keeps, behind one small interface with two adapters (SQLite, PostgreSQL).
 * Everything here is metadata or ciphertext: ids, sequence numbers, sizes, times, hashes of
 * tokens and the opaque envelopes. Times are passed in by the caller so tests can inject a clock.
 */

export interface NewDevice {
  deviceId: string;
  name: string;
  /** SHA-256 of the device token, hex; the token itself is never stored. */
  tokenHash: string;
  createdAt: Date;
}

/**
 * An owner (the device that created the space, or one an owner made owner) may remove other
 * devices and delete the space; a member may sync, invite and leave.
 */
export type DeviceRole = 'owner' | 'member';

export interface DeviceRecord {
  deviceId: string;
  spaceId: string;
  name: string;
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  role: DeviceRole;
}

export interface NewInvite {
  spaceId: string;
  /** SHA-256 of the invite token, hex. */
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface NewMutation {
  mutationId: number;
  recordId: string;
  envelope: Envelope;
}

export interface PullPage {
  entries: LogEntry[];
  /** True when entries after the last one exist (the page hit its count or byte budget). */
  more: boolean;
  /** The log's newest seq, read with the page (so the answer needs no second query). */
  head: number;
}

export interface PullOptions {
  after: number;
  limit: number;
  /** Stop the page once this many ciphertext characters are in it (at least one entry is given). */
  maxBytes: number;
}

/** What one space's log may hold; an append past either is refused whole. */
export interface SpaceQuota {
  /** Ciphertext characters of the entries kept. */
  maxBytes: number;
  /** Entries kept (record versions; compaction drops superseded ones). */
  maxRecords: number;
}

export interface SpaceUsage {
  bytes: number;
  records: number;
}

export interface CompactionResult {
  spaces: number;
  removedEntries: number;
  removedBytes: number;
}

/** Called with the space's newest seq whenever its log grows. */
export type LogListener = (seq: number) => void;

export interface Store extends KeyExchangeStore, EpochKeyStore, ProgrammeStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the space and its creator's device in one transaction. */
  createSpace(spaceId: string, createdAt: Date, creator: NewDevice): Promise<void>;
  /** Adds a device to an existing space. */
  createDevice(spaceId: string, device: NewDevice): Promise<void>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  /** Records that the device was seen (for the devices list). */
  touchDevice(deviceId: string, at: Date): Promise<void>;
  /** Throws LimitReachedError when the space already has `maxOpen` unused, unexpired invites. */
  createInvite(invite: NewInvite, maxOpen?: number): Promise<void>;
  /**
   * Uses up an unexpired, unused invite of this space and adds the joining device, in one
   * transaction; false (and nothing written) when the invite is unknown, used, expired or of
   * another space. Two concurrent calls with the same token: exactly one succeeds. A good invite
   * into a space that has `maxDevices` active devices throws LimitReachedError, unused.
   */
  consumeInvite(
    spaceId: string,
    tokenHash: string,
    now: Date,
    device: NewDevice,
    maxDevices?: number,
  ): Promise<boolean>;
  /**
   * Appends a batch to the space's log in one transaction and returns each mutation's seq, in
   * order. A (device, mutation id) already stored keeps its first seq and is not stored again;
   * the same id with other content throws MutationConflictError (even after compaction).
   * Throws RevokedDeviceError when the device is revoked or not of this space, and
   * QuotaExceededError (storing nothing) when the new entries would pass the quota.
   */
  append(
    spaceId: string,
    deviceId: string,
    mutations: NewMutation[],
    receivedAt: Date,
    quota?: SpaceQuota,
  ): Promise<number[]>;
  /** What the space's log holds now (zero for an unknown space). */
  usage(spaceId: string): Promise<SpaceUsage>;
  pull(spaceId: string, options: PullOptions): Promise<PullPage>;
  /** The newest seq of the space's log, 0 when empty. */
  lastSeq(spaceId: string): Promise<number>;
  listDevices(spaceId: string): Promise<DeviceRecord[]>;
  /**
   * Revokes a device of this space and voids the unused invites it made, and deletes its device
   * key and the epoch keys sealed for it (epoch-keys.ts), in one transaction; false when the space
   * has no such device. Revoking a revoked device is a no-op that returns true.
   */
  revokeDevice(spaceId: string, deviceId: string, at: Date): Promise<boolean>;
  /** Makes an active device of this space an owner; false when there is no such device. */
  makeOwner(spaceId: string, deviceId: string): Promise<boolean>;
  /**
   * Deletes the space and everything of it (log, devices, invites, keys, device keys and epoch
   * keys); false if unknown.
   */
  deleteSpace(spaceId: string): Promise<boolean>;
  /**
   * Drops log entries superseded by a newer entry of the same record (one space, or all),
   * keeping a receipt of each (device, mutation id, seq, digest) so a late retry still gets its
   * first seq. Seqs are never reused and last_seq never moves: a cursor stays valid.
   */
  compactLog(spaceId?: string): Promise<CompactionResult>;
  /** Listens for "space X grew", including writes made by other sidecar processes. */
  subscribe(spaceId: string, listener: LogListener): () => void;
  close(): Promise<void>;
}

export class QuotaExceededError extends Error {
  /** `of`: the log, or the epoch keys sealed for its devices (held to the same quota apart). */
  constructor(
    readonly what: 'bytes' | 'records',
    readonly limit: number,
    readonly of: 'log' | 'epoch keys' = 'log',
  ) {
    super(
      what === 'bytes'
        ? `This space's ${of} would pass its quota of ${limit} bytes; nothing was stored.`
        : `This space's ${of} would pass its quota of ${limit} entries; nothing was stored.`,
    );
    this.name = 'QuotaExceededError';
  }
}

export class MutationConflictError extends Error {
  constructor(readonly mutationId: number) {
    super(`Mutation ${mutationId} was stored before with other content; nothing was stored.`);
    this.name = 'MutationConflictError';
  }
}

export class LimitReachedError extends Error {
  constructor(what: 'invites' | 'devices', limit: number) {
    super(
      what === 'invites'
        ? `This space has ${limit} open invites already; use or let one expire first.`
        : `This space has ${limit} devices already; an owner must remove one first.`,
    );
    this.name = 'LimitReachedError';
  }
}

/** A text field with control characters (see text.ts); the same answer from both stores. */
export class InvalidTextError extends Error {
  constructor(field: string) {
    super(`${field}: control characters are not allowed`);
    this.name = 'InvalidTextError';
  }
}

export class RevokedDeviceError extends Error {
  constructor() {
    super('The device is revoked or not a member of this space.');
    this.name = 'RevokedDeviceError';
  }
}
