import type { Envelope, LogEntry } from '../../../utils/sync/protocol';

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

export interface DeviceRecord {
  deviceId: string;
  spaceId: string;
  name: string;
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
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
}

export interface PullOptions {
  after: number;
  limit: number;
  /** Stop the page once this many ciphertext characters are in it (at least one entry is given). */
  maxBytes: number;
}

/** Called with the space's newest seq whenever its log grows. */
export type LogListener = (seq: number) => void;

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the space and its creator's device in one transaction. */
  createSpace(spaceId: string, createdAt: Date, creator: NewDevice): Promise<void>;
  /** Adds a device to an existing space. */
  createDevice(spaceId: string, device: NewDevice): Promise<void>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  /** Records that the device was seen (for the devices list). */
  touchDevice(deviceId: string, at: Date): Promise<void>;
  createInvite(invite: NewInvite): Promise<void>;
  /**
   * Uses up an unexpired, unused invite of this space and adds the joining device, in one
   * transaction; false (and nothing written) when the invite is unknown, used, expired or of
   * another space. Two concurrent calls with the same token: exactly one succeeds.
   */
  consumeInvite(spaceId: string, tokenHash: string, now: Date, device: NewDevice): Promise<boolean>;
  /**
   * Appends a batch to the space's log in one transaction and returns each mutation's seq, in
   * order. A (device, mutation id) already stored keeps its first seq and is not stored again.
   * Throws RevokedDeviceError when the device is revoked or not of this space.
   */
  append(
    spaceId: string,
    deviceId: string,
    mutations: NewMutation[],
    receivedAt: Date,
  ): Promise<number[]>;
  pull(spaceId: string, options: PullOptions): Promise<PullPage>;
  /** The newest seq of the space's log, 0 when empty. */
  lastSeq(spaceId: string): Promise<number>;
  listDevices(spaceId: string): Promise<DeviceRecord[]>;
  /**
   * Revokes a device of this space and voids the unused invites it made; false when the space
   * has no such device. Revoking a revoked device is a no-op that returns true.
   */
  revokeDevice(spaceId: string, deviceId: string, at: Date): Promise<boolean>;
  /** Listens for "space X grew", including writes made by other sidecar processes. */
  subscribe(spaceId: string, listener: LogListener): () => void;
  close(): Promise<void>;
}

export class RevokedDeviceError extends Error {
  constructor() {
    super('The device is revoked or not a member of this space.');
    this.name = 'RevokedDeviceError';
  }
}
