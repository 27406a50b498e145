import * as z from 'zod/mini';
import { recordId } from './common';

/**
 * Tables that never leave this browser: sync bookkeeping and the search index. They are not
 * records of the pair (no HLC, no tombstone): sync never sends them.
 */

const tableName = z.string().check(z.minLength(1), z.maxLength(40));

/** A shared record changed here and not yet pushed. One row per record, so it stays bounded. */
export const outboxEntry = z.object({
  /** `${table}:${recordId}` */
  id: z.string().check(z.minLength(3), z.maxLength(200)),
  table: tableName,
  recordId,
  pairId: recordId,
  /** Epoch ms of the last change; the push sends the record as it is then. */
  queuedAt: z.number(),
});
export type OutboxEntry = z.infer<typeof outboxEntry>;

/** When each field of a shared record last changed (HLC stamps): what field-by-field merge uses. */
export const syncMetaEntry = z.object({
  /** `${table}:${recordId}` */
  id: z.string().check(z.minLength(3), z.maxLength(200)),
  fields: z.record(z.string(), z.string()),
  /** The field stamps as last seen from or sent to the sidecar: the base of a three-way merge. */
  synced: z.record(z.string(), z.string()),
  /**
   * Conflict copies of this record the user resolved here and the other devices have not been
   * told of yet: the next push carries them (utils/sync/engine/push.ts), and each device marks its
   * own copy of the same id resolved.
   */
  resolves: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(100))),
});
export type SyncMetaEntry = z.infer<typeof syncMetaEntry>;

/** The other version of a text both sides edited from the same base, kept for the user. */
export const conflictEntry = z.object({
  id: recordId,
  pairId: recordId,
  table: tableName,
  recordId,
  field: z.string().check(z.maxLength(60)),
  /** The version that did not win, in full. */
  text: z.string().check(z.maxLength(200_000)),
  fromDeviceId: z.string().check(z.maxLength(64)),
  createdAt: z.number(),
  resolved: z.boolean(),
});
export type ConflictEntry = z.infer<typeof conflictEntry>;

/**
 * The latest hybrid logical clock stamp this browser issued or merged (one row, id `hlc`).
 * Every shared write reads it before stamping, and every merge moves it on, so the side panel,
 * the options page and the background — each with a clock of its own, started afresh — never
 * stamp an edit earlier than a version this browser already holds (the HLC receive rule).
 */
export const clockEntry = z.object({
  id: z.literal('hlc'),
  stamp: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type ClockEntry = z.infer<typeof clockEntry>;

/**
 * A pair shared through a sidecar. The device token and the pair key are secrets: they live
 * here (the extension's IndexedDB, which content scripts cannot read), the key as a
 * non-extractable CryptoKey, never in storage.local.
 */
const cryptoKey = z.custom<CryptoKey>((value) => typeof value === 'object' && value !== null);
const sealed = z.object({ iv: z.string(), ct: z.string() });

export const syncSpace = z.object({
  /** The pair's id. */
  id: recordId,
  sidecarUrl: z.url({ protocol: /^https?$/ }),
  spaceId: z.string().check(z.maxLength(64)),
  deviceId: z.string().check(z.maxLength(64)),
  deviceToken: z.string().check(z.maxLength(100)),
  /**
   * The pair's keys as non-extractable CryptoKeys (utils/sync/crypto.ts): AES-GCM content key
   * and HMAC record-id key. Absent while this browser waits to be let in (`join`).
   */
  key: z.optional(cryptoKey),
  recordIdKey: z.optional(cryptoKey),
  /**
   * The pair secret, only sealed under this browser's own non-extractable vault key
   * (utils/sync/keys.ts): opened in memory only to seal it for a device being let in.
   */
  vault: z.optional(cryptoKey),
  sealedSecret: z.optional(sealed),
  /** Written by Tandems before the vault: turned into the above on first use, then removed. */
  secret: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/))),
  /** While waiting to be let in: this browser's one-time exchange key and the invite's. */
  join: z.optional(
    z.object({
      privateKey: cryptoKey,
      publicKey: z.string(),
      inviterKey: z.string(),
      code: z.string(),
    }),
  ),
  /** Invites this browser made and has not yet let anyone in with (one-time exchange keys). */
  invites: z.optional(
    z.array(
      z.object({
        /** SHA-256 (hex) of the invite token: how the sidecar names it. */
        hash: z.string(),
        privateKey: cryptoKey,
        publicKey: z.string(),
        expiresAt: z.string(),
      }),
    ),
  ),
  /** The key epoch this browser writes with (utils/sync/epochs.ts); 0 until a device left. */
  epoch: z.optional(z.number()),
  /** Content keys of earlier epochs, by epoch: to read what was written under them. */
  epochKeys: z.optional(z.record(z.string(), cryptoKey)),
  /** HMAC key that checks the proofs of other devices' keys. */
  rosterKey: z.optional(cryptoKey),
  /** This device's long-term ECDH key pair; `deviceKeyPublished` once the sidecar has it. */
  deviceKey: z.optional(z.object({ privateKey: cryptoKey, publicKey: z.string() })),
  deviceKeyPublished: z.optional(z.boolean()),
  /** Other devices' public keys, pinned the first time they verified; never replaced. */
  roster: z.optional(z.record(z.string(), z.string())),
  /** Devices gone that the current epoch leaves out already. */
  excluded: z.optional(z.array(z.string())),
  /** The last log sequence number pulled and merged. */
  cursor: z.number(),
  /** The last mutation id this device used in this space. */
  lastMutationId: z.number(),
  /**
   * The highest mutation id read from each writing device (version 2 envelopes, which bind it):
   * an older one offered again later in the log is a replay.
   */
  writers: z.optional(z.record(z.string(), z.number())),
  /** The log seq where each writer's highest mutation id was read. */
  writerSeqs: z.optional(z.record(z.string(), z.number())),
  /** The newest seq at which each (opaque) record id was read: compaction's alibi. */
  recordSeqs: z.optional(z.record(z.string(), z.number())),
  /** This device's last write the sidecar confirmed: the next write names it (`prev`). */
  lastAcked: z.optional(z.object({ m: z.number(), r: z.string() })),
  /** What the sidecar was last caught doing, until the person dismisses it. */
  integrity: z.optional(
    z.object({
      /** backwards: the log lost entries (restored from an older backup, or rolled back);
       * tampered: an entry did not verify; replayed: an old entry offered again; lost: a
       * member's confirmed write is missing from the log (not superseded, just gone). */
      kind: z.enum(['backwards', 'tampered', 'replayed', 'lost']),
      at: z.number(),
    }),
  ),
});
export type SyncSpace = z.infer<typeof syncSpace>;

/** Words of one record's text, for search (multi-entry index on `words`). */
export const searchEntry = z.object({
  /** `${table}:${recordId}` */
  id: z.string().check(z.minLength(3), z.maxLength(200)),
  table: tableName,
  recordId,
  pairId: recordId,
  sessionId: z.nullable(recordId),
  words: z.array(z.string().check(z.maxLength(64))),
  /** The text a hit shows, for records the index's database holds no table of (opened feedback). */
  text: z.optional(z.string()),
});
export type SearchEntry = z.infer<typeof searchEntry>;

/**
 * One write to a search index (utils/search/search-log.ts): the index row's key, or '*' for a
 * range (a clear). Written by a Dexie middleware in the same transaction as the write, under an
 * auto-incremented `seq` that IndexedDB never hands out twice, so a saved snapshot of the index
 * knows exactly which rows changed after it.
 */
export const searchLogEntry = z.object({
  seq: z.optional(z.number()),
  key: z.string(),
});
export type SearchLogEntry = z.infer<typeof searchLogEntry>;

/**
 * A database's search index packed for the next panel (utils/search/word-index.ts PackedIndex),
 * as of log `seq` `watermark` (id 'index'); and how far the log was pruned (id 'pruned', no
 * packed fields). Derived data, never synced nor exported: the private one stays private.
 */
export const searchSnapshot = z.object({
  id: z.enum(['index', 'pruned']),
  watermark: z.number(),
  format: z.optional(z.number()),
  docs: z.optional(z.string()),
  vocabulary: z.optional(z.string()),
  offsets: z.optional(z.instanceof(Uint32Array)),
  postings: z.optional(z.instanceof(Uint32Array)),
});
export type SearchSnapshot = z.infer<typeof searchSnapshot>;
