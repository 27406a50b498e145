import * as z from 'zod/mini';

/**
 * The sidecar's HTTP protocol (version 1), declared once for both sides: the sidecar validates
 * every request and response with these schemas, the extension's sync client every response.
 * Written with zod/mini so the extension stays small; the sidecar imports the same file.
 *
 * The server stores ids, sequence numbers, sizes, times and ciphertext only. A record travels
 * as an envelope whose plaintext (the record and its table) the server never sees; the
 * associated data binds space id and record id, so a ciphertext moved to another record or
 * space fails to decrypt.
 */

/** Random ids the server makes (spaces, devices): 22 base64url characters = 128 bits. */
export const serverId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
/** Bearer and invite tokens: 43 base64url characters = 256 bits. */
export const secretToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
/** A raw uncompressed P-256 point (65 bytes), base64url. */
export const exchangePublicKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/));
/** A record's own id (crypto.randomUUID in the extension). */
export const syncRecordId = z.string().check(z.regex(/^[A-Za-z0-9_:-]{1,128}$/));
const base64url = (max: number) =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]*$/), z.minLength(1), z.maxLength(max));

export const MAX_CIPHERTEXT = 262_144; // characters of base64url, ~192 KB of ciphertext
export const MAX_BATCH = 500;
export const MAX_PAGE = 1000;
/** Largest request body the sidecar accepts (413 beyond it): a push batch must fit in it too. */
export const MAX_BODY_BYTES = 1_048_576;

/**
 * One encrypted record version. Version 2 (utils/sync/crypto.ts) binds the writer, its mutation
 * id and the key epoch into the associated data and pads the plaintext to a size bucket;
 * version 1 is still read, never written. The epoch is not sent: the sidecar does not learn
 * which key sealed a record; a reader tries its keys, newest first.
 */
export const envelope = z.object({
  /** Envelope version; clients refuse versions below the minimum they know. */
  v: z.union([z.literal(1), z.literal(2)]),
  /** 12 random bytes, base64url. */
  iv: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/)),
  /** AES-256-GCM ciphertext with its tag, base64url. */
  ct: base64url(MAX_CIPHERTEXT),
});
export type Envelope = z.infer<typeof envelope>;

export const mutation = z.object({
  /** Per device, strictly increasing: a retried push carries the same ids. */
  mutationId: z.number().check(z.int(), z.gte(1), z.lte(Number.MAX_SAFE_INTEGER)),
  recordId: syncRecordId,
  envelope,
});
export type Mutation = z.infer<typeof mutation>;

/* POST /v1/spaces — create a pair space; the creator's device joins it. */
export const createSpaceRequest = z.object({
  deviceName: z.string().check(z.minLength(1), z.maxLength(100)),
});
export const deviceCredentials = z.object({
  spaceId: serverId,
  deviceId: serverId,
  deviceToken: secretToken,
});
export type DeviceCredentials = z.infer<typeof deviceCredentials>;

/* POST /v1/spaces/:spaceId/invites — a one-time join token, valid 24 h (Bearer). */
export const inviteResponse = z.object({ inviteToken: secretToken, expiresAt: z.string() });

/* POST /v1/spaces/:spaceId/join — no Bearer; the invite token is the credential. */
export const joinRequest = z.object({
  inviteToken: secretToken,
  deviceName: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The joining device's ECDH P-256 public key (utils/sync/keys.ts): the secret is sealed for it. */
  publicKey: exchangePublicKey,
});

/*
 * Letting the joined device in (utils/sync/keys.ts), all with Bearer:
 * GET  /v1/spaces/:spaceId/joins                  devices that joined with a key, granted or not
 * POST /v1/spaces/:spaceId/devices/:deviceId/key  the pair secret sealed for that device (once)
 * GET  /v1/spaces/:spaceId/key                    this device's sealed secret (404 until given)
 */
export const sealedSecret = z.object({
  iv: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/)),
  /**
   * One 32-byte secret per key epoch (1 to 64 of them) and a 16-byte tag: 64 to 2,752
   * base64url characters.
   */
  ct: z.string().check(z.regex(/^[A-Za-z0-9_-]{64,2752}$/)),
});
export const joinInfo = z.object({
  deviceId: serverId,
  publicKey: exchangePublicKey,
  inviteHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  granted: z.boolean(),
});
export const joinsResponse = z.object({ joins: z.array(joinInfo) });
export const keyResponse = z.object({ sealed: sealedSecret, grantedBy: serverId });

/*
 * Device keys and key epochs (utils/sync/epochs.ts), all with Bearer. Removing a device moves the
 * pair to a new epoch: its secret is sealed for each remaining device with that device's
 * long-term public key, never for the removed one.
 * PUT  /v1/spaces/:spaceId/device-key          this device's public key and its proof (once; the
 *                                              same again: 204; another: 409 conflict)
 * GET  /v1/spaces/:spaceId/device-keys         those of the space's devices not removed
 * POST /v1/spaces/:spaceId/epochs/:epoch/keys  the epoch's secret sealed per device (204); an
 *                                              (epoch, device) given already: 409 conflict, none
 *                                              stored; an unknown or removed device: 404
 * GET  /v1/spaces/:spaceId/epoch-keys?after=N  what was sealed for this device, epochs above N
 */
export const keyProof = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
export const deviceKeyRequest = z.object({ publicKey: exchangePublicKey, proof: keyProof });
export const deviceKeysResponse = z.object({
  keys: z.array(z.object({ deviceId: serverId, publicKey: exchangePublicKey, proof: keyProof })),
});
export const MAX_EPOCH = 1_000_000;
export const epochGrantsRequest = z.object({
  grants: z
    .array(z.object({ deviceId: serverId, sealed: sealedSecret }))
    .check(z.minLength(1), z.maxLength(50)),
});
export const epochKeysResponse = z.object({
  grants: z.array(z.object({ epoch: z.number(), sealed: sealedSecret, grantedBy: serverId })),
});

/* POST /v1/spaces/:spaceId/push (Bearer) */
export const pushRequest = z.object({
  mutations: z.array(mutation).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});
export const pushResponse = z.object({
  /** The sequence number of each mutation, in request order (a retried one: its first seq). */
  results: z.array(z.object({ mutationId: z.number(), seq: z.number() })),
});

/* GET /v1/spaces/:spaceId/pull?after=<seq>&limit=<n> (Bearer); after defaults to 0, limit to
 * 500 (at most MAX_PAGE). A page may hold fewer than `limit` entries when their ciphertext is
 * large: follow `more`, not the count. */
export const logEntry = z.object({
  seq: z.number(),
  recordId: syncRecordId,
  deviceId: serverId,
  mutationId: z.number(),
  envelope,
  /** ISO time the server stored it. */
  receivedAt: z.string(),
});
export type LogEntry = z.infer<typeof logEntry>;
export const pullResponse = z.object({
  entries: z.array(logEntry),
  /** The cursor to pull after next time. */
  cursor: z.number(),
  more: z.boolean(),
  /**
   * The newest seq of the space's log, on the last page: a client whose cursor is past it sees
   * that the log went backwards (a sidecar restored from an older backup). Optional: older
   * sidecars do not send it.
   */
  head: z.optional(z.number()),
});

/* GET /v1/spaces/:spaceId/events (Bearer) — server-sent events: `event: log`, data {seq}. */
export const logEvent = z.object({ seq: z.number() });

/* GET /v1/spaces/:spaceId/devices (Bearer); DELETE …/devices/:deviceId and POST …/leave
 * (Bearer) answer 204 with no body. */
export const deviceInfo = z.object({
  deviceId: serverId,
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  revoked: z.boolean(),
});
export const devicesResponse = z.object({ devices: z.array(deviceInfo) });

/* GET /v1/health */
export const healthResponse = z.object({
  ok: z.literal(true),
  store: z.enum(['sqlite', 'postgres']),
});

/** Every error: a stable code and a human message; never a stack trace or SQL. */
export const errorCodes = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'invite_invalid',
  'payload_too_large',
  'rate_limited',
  'conflict',
  'internal',
  /** A space's log is at its byte or record quota (413). */
  'quota_exceeded',
  /** A mutation id already stored with other content (409). */
  'mutation_conflict',
  /** A cap: open invites or devices of a space (409), event streams or connections (429). */
  'limit_reached',
  /** Creating a space on this sidecar needs its creation token (401). */
  'create_token_required',
  /** The browser origin is not in the sidecar's SIDECAR_ALLOWED_ORIGINS (403). */
  'origin_not_allowed',
  /** Programmes (protocol/src/programme.ts): the sidecar has no SIDECAR_OPERATOR_TOKEN (403). */
  'programmes_disabled',
  /** The programme's enrolment secret is missing or wrong (403). */
  'bad_enrolment_secret',
  /** A report or withdrawal from a key this programme does not know (403). */
  'not_enrolled',
  /** The pair left the programme: nothing more is taken from that key (403). */
  'withdrawn',
  /** A report or withdrawal whose signature does not verify (400). */
  'bad_signature',
  /** This pair's report for this month is stored already (409). */
  'duplicate_report',
] as const;
export const errorResponse = z.object({
  error: z.object({ code: z.enum(errorCodes), message: z.string() }),
});
