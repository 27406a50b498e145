import { type Envelope, envelope as envelopeSchema, MAX_CIPHERTEXT } from '@tandem/protocol';

/**
 * End-to-end encryption of a pair's records, WebCrypto only (the extension, the service worker
 * and Node all have it). Whoever shares a pair makes a random 256-bit pair secret; HKDF-SHA-256
 * splits it into
 * - the content key: AES-256-GCM, non-extractable, which seals each record version; and
 * - the record-id key: HMAC-SHA-256, non-extractable, which turns `${table}:${id}` into the
 *   opaque record id the sidecar sees — so the server learns neither a record's table nor its
 *   real id (a prompt state's id would otherwise name the prompt).
 *
 * A record travels as an envelope {v, iv, ct}. The associated data binds the envelope
 * version, the space, the (opaque) record id, the key epoch, the writing device and its
 * mutation id: a ciphertext the server moves to another record or space, relabels with another
 * writer (the reader's own id, say) or mutation id, or with another version, fails to decrypt.
 * The table travels inside the plaintext, sealed with the record, and the plaintext is padded
 * to a size bucket (SIZE_BUCKETS) so the server does not learn a note's length, only its bucket.
 * Version 1 (space and record id only, unpadded) is still read, never written.
 */

export const ENVELOPE_VERSION = 2;
/** Envelopes older than this are refused, so a downgrade to a weaker format cannot be forced. */
export const MIN_ENVELOPE_VERSION = 1;
const SECRET_BYTES = 32;
const IV_BYTES = 12;
/** HKDF's salt for every key derived from a pair secret (here and utils/sync/epochs.ts). */
export const HKDF_SALT = 'tandem/v1/pair-secret';

/** Why an envelope was refused; the message says what to do. */
export class DecryptError extends Error {
  override name = 'DecryptError';
}

/** An envelope of a version newer than this Tandem knows: not tampering, an update is due. */
export class NewerEnvelopeError extends DecryptError {
  override name = 'NewerEnvelopeError';
}

export interface PairKeys {
  /** AES-256-GCM, non-extractable: seals and opens record versions. */
  content: CryptoKey;
  /** HMAC-SHA-256, non-extractable: makes opaque record ids. */
  recordIds: CryptoKey;
}

/** A new pair secret: 32 random bytes. */
export function createPairSecret(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function derivePairKeys(secret: Uint8Array): Promise<PairKeys> {
  if (secret.length !== SECRET_BYTES) {
    throw new Error(`A pair secret is ${SECRET_BYTES} bytes, not ${secret.length}.`);
  }
  const base = await crypto.subtle.importKey('raw', copy(secret), 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: utf8.encode(HKDF_SALT),
    info: utf8.encode(info),
  });
  const [content, recordIds] = await Promise.all([
    crypto.subtle.deriveKey(
      hkdf('tandem/v1 content key'),
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    ),
    crypto.subtle.deriveKey(
      hkdf('tandem/v1 record id key'),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
  ]);
  return { content, recordIds };
}

/** The id the sidecar sees for a record: 128 bits of HMAC over table and id, base64url. */
export async function opaqueRecordId(
  recordIdKey: CryptoKey,
  table: string,
  id: string,
): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', recordIdKey, utf8.encode(`${table}:${id}`));
  return toBase64url(new Uint8Array(mac, 0, 16));
}

/** Who wrote a record version, as the log says: bound into a version 2 envelope. */
export interface Writer {
  deviceId: string;
  mutationId: number;
}

function associatedData(
  version: number,
  spaceId: string,
  recordId: string,
  writer: Writer,
  epoch: number,
): Uint8Array {
  if (version === 1) return utf8.encode(`tandem/v1|${spaceId}|${recordId}`);
  return utf8.encode(
    `tandem/v${version}|${spaceId}|${recordId}|${epoch}|${writer.deviceId}|${writer.mutationId}`,
  );
}

/** The most plaintext an envelope may hold: its ciphertext and tag fill MAX_CIPHERTEXT. */
export const MAX_PLAINTEXT_BYTES = Math.floor((MAX_CIPHERTEXT * 3) / 4) - 16;
/**
 * Plaintext sizes in bytes an envelope is padded to: the server sees which bucket a record
 * falls in, not its length. Powers of two from 512 bytes; the last is the largest envelope.
 */
export const SIZE_BUCKETS = [
  512,
  1_024,
  2_048,
  4_096,
  8_192,
  16_384,
  32_768,
  65_536,
  131_072,
  MAX_PLAINTEXT_BYTES,
];

/** The plaintext padded with spaces (JSON ignores them) to its bucket; too large: as it is. */
export function padToBucket(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const bucket = SIZE_BUCKETS.find((size) => size >= bytes.length);
  if (bucket === undefined) return copy(bytes);
  const padded = new Uint8Array(bucket).fill(0x20);
  padded.set(bytes);
  return padded;
}

/** Ciphertext characters an envelope of this plaintext will have (padding included). */
export function sealedLength(plaintext: string): number {
  const bytes = utf8.encode(plaintext).length;
  const padded = SIZE_BUCKETS.find((size) => size >= bytes) ?? bytes;
  return Math.ceil(((padded + 16) * 4) / 3);
}

/**
 * Seal one record version: a fresh random IV every time, padded to its size bucket. The
 * plaintext (JSON) must not end in a space: the padding is taken off as trailing spaces.
 */
export async function encryptRecord(
  key: CryptoKey,
  spaceId: string,
  recordId: string,
  plaintext: string,
  writer: Writer,
  epoch = 0,
): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv,
      additionalData: copy(associatedData(ENVELOPE_VERSION, spaceId, recordId, writer, epoch)),
    },
    key,
    padToBucket(utf8.encode(plaintext)),
  );
  return { v: ENVELOPE_VERSION, iv: toBase64url(iv), ct: toBase64url(new Uint8Array(ct)) };
}

/**
 * Open one record version written by `writer` (as the log entry says), sealed under the key of
 * `epoch` (version 1 knows no epochs). Throws DecryptError when
 * the envelope is of a too old version, malformed, or does not verify (tampered, moved to
 * another record or space, relabelled with another writer or mutation id, or sealed with another
 * key — AES-GCM cannot tell these apart, and neither should we); NewerEnvelopeError when it
 * needs a newer Tandem.
 */
export async function decryptRecord(
  key: CryptoKey,
  spaceId: string,
  recordId: string,
  sealed: unknown,
  writer: Writer,
  epoch = 0,
): Promise<string> {
  const version = (sealed as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > ENVELOPE_VERSION) {
    throw new NewerEnvelopeError(
      `An envelope of version ${version} needs a newer Tandem: update the extension.`,
    );
  }
  if (typeof version === 'number' && version < MIN_ENVELOPE_VERSION) {
    throw new DecryptError(
      `Refused an envelope of version ${version}: this Tandem only accepts version ${MIN_ENVELOPE_VERSION} or newer.`,
    );
  }
  const parsed = envelopeSchema.safeParse(sealed);
  if (!parsed.success) {
    throw new DecryptError('The envelope is malformed.');
  }
  const { v, iv, ct } = parsed.data;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64url(iv),
        additionalData: copy(associatedData(v, spaceId, recordId, writer, epoch)),
      },
      key,
      fromBase64url(ct),
    );
  } catch {
    throw new DecryptError(
      'The record does not verify: it was changed, moved to another record or pair, relabelled with another writer, or sealed with another key.',
    );
  }
  let text: string;
  try {
    text = fromUtf8.decode(plain);
  } catch {
    throw new DecryptError('The record is not valid text.');
  }
  // Version 2 pads with spaces: the plaintext it seals (JSON) never ends in one.
  return v >= 2 ? text.replace(/ +$/, '') : text;
}

/* ---------- base64url (RFC 4648 §5, no padding) ---------- */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let j = 0; j < chars; j++) out += ALPHABET[(triple >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** Decodes base64url without padding; throws on any other character or an impossible length. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 === 1) throw new Error('Not base64url: impossible length.');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    const digit = LOOKUP.get(char);
    if (digit === undefined) throw new Error('Not base64url: unexpected character.');
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
      value &= (1 << bits) - 1;
    }
  }
  // Leftover bits must be zero, so each byte string has exactly one encoding.
  if ((value & ((1 << bits) - 1)) !== 0) throw new Error('Not base64url: non-canonical ending.');
  return out;
}

/** WebCrypto wants an ArrayBuffer-backed view it owns (not a shared or offset buffer). */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
