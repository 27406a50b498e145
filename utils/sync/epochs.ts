import { fromBase64url, HKDF_SALT, toBase64url } from './crypto';
import { type DeviceKeyPair, open, type Sealed, seal, sharedKey } from './keys';

/**
 * Key epochs: removing a device, or a device leaving, moves the pair to a new secret that the
 * device gone never receives, so what is written after it cannot be read with anything it kept.
 *
 * - Each device of a pair holds a long-term ECDH P-256 key pair (private half non-extractable):
 *   a joining device keeps the one it joined with (its public key was checked by the codes the
 *   members compared), the sharing device makes one. It publishes the public key on the sidecar
 *   with a proof: an HMAC under a roster key derived from the pair's first secret, so the sidecar
 *   (which has no secret) cannot slip in a key of its own. Members pin each device's key the
 *   first time it verifies and never accept another for it.
 * - The member who removes a device (or first notices one left) makes a new random 32-byte
 *   secret, seals it for every remaining device with ECDH between its own device key and theirs,
 *   and posts the sealed copies; each device opens its copy with the sender's pinned key.
 * - Records are sealed with the newest epoch's content key; each envelope names its epoch, and
 *   older epochs' keys stay to read older records. A device let in later receives every epoch's
 *   secret at once, sealed for it with the invite's key (`bundle`).
 */

export const SECRET_BYTES = 32;
/** Epoch secrets a device can be given at once (0 … 63): 63 removals of devices. */
export const MAX_EPOCHS = 64;

const utf8 = new TextEncoder();

/** All epochs' secrets, oldest first, as one byte string (what the vault and a join seal). */
export function joinSecrets(secrets: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(secrets.length * SECRET_BYTES);
  secrets.forEach((secret, index) => {
    if (secret.length !== SECRET_BYTES) throw new Error('An epoch secret is 32 bytes.');
    out.set(secret, index * SECRET_BYTES);
  });
  return out;
}

export function splitSecrets(bundle: Uint8Array): Uint8Array<ArrayBuffer>[] {
  if (
    bundle.length === 0 ||
    bundle.length % SECRET_BYTES !== 0 ||
    bundle.length > MAX_EPOCHS * SECRET_BYTES
  ) {
    throw new Error('The pair secrets are malformed.');
  }
  const secrets: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 0; at < bundle.length; at += SECRET_BYTES) {
    secrets.push(new Uint8Array(bundle.subarray(at, at + SECRET_BYTES)));
  }
  return secrets;
}

/** The HMAC key that proves a device key was published by a member (from the first secret). */
export async function rosterKey(firstSecret: Uint8Array): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new Uint8Array(firstSecret), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: utf8.encode(HKDF_SALT),
      info: utf8.encode('tandem/v2 roster key'),
    },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

function rosterEntry(spaceId: string, deviceId: string, publicKey: string) {
  return utf8.encode(`tandem/v2 device key|${spaceId}|${deviceId}|${publicKey}`);
}

export async function keyProof(
  key: CryptoKey,
  spaceId: string,
  deviceId: string,
  publicKey: string,
): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, rosterEntry(spaceId, deviceId, publicKey));
  return toBase64url(new Uint8Array(mac));
}

export async function checkKeyProof(
  key: CryptoKey,
  spaceId: string,
  deviceId: string,
  publicKey: string,
  proof: string,
): Promise<boolean> {
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = fromBase64url(proof);
  } catch {
    return false;
  }
  return crypto.subtle.verify('HMAC', key, mac, rosterEntry(spaceId, deviceId, publicKey));
}

function grantContext(spaceId: string, epoch: number, to: string, from: string) {
  return utf8.encode(`tandem/v2 epoch|${spaceId}|${epoch}|${to}|${from}`);
}

/** Seals an epoch's secret for one device, from this device's key to its pinned key. */
export async function sealEpochSecret(
  secret: Uint8Array,
  from: { deviceId: string; key: DeviceKeyPair },
  to: { deviceId: string; publicKey: string },
  spaceId: string,
  epoch: number,
): Promise<Sealed> {
  const context = grantContext(spaceId, epoch, to.deviceId, from.deviceId);
  const key = await sharedKey(from.key.privateKey, to.publicKey, context, 'tandem/v2/epoch');
  return seal(key, secret, context);
}

/** Opens an epoch's secret sealed for this device by `from` (its pinned public key). */
export async function openEpochSecret(
  sealed: Sealed,
  me: { deviceId: string; key: DeviceKeyPair },
  from: { deviceId: string; publicKey: string },
  spaceId: string,
  epoch: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const context = grantContext(spaceId, epoch, me.deviceId, from.deviceId);
  const key = await sharedKey(me.key.privateKey, from.publicKey, context, 'tandem/v2/epoch');
  const secret = await open(key, sealed, context);
  if (secret.length !== SECRET_BYTES) throw new Error('An epoch secret is 32 bytes.');
  return secret;
}
