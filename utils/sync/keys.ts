import { fromBase64url, toBase64url } from './crypto';

/**
 * Handing the pair secret to a joining device without it ever passing through the sidecar in a
 * form the sidecar can read — WebCrypto only.
 *
 * 1. The inviter makes a one-time ECDH P-256 key pair for the invite. The invite (a code the
 *    members pass to each other by their own means) carries its public key, never the secret.
 * 2. The joining device makes its own ECDH key pair and sends its public key with the join.
 * 3. Both devices show a verification code: a hash of the two public keys, the space and the
 *    joining device's id. The members compare the codes; if the sidecar swapped the joining
 *    device's key for one of its own, the codes differ and the inviter refuses.
 * 4. On the inviter's yes, the inviter seals the secret under a key derived from ECDH (its
 *    one-time private key, the joiner's public key) and forgets its one-time private key; the
 *    joiner opens it with ECDH (its private key, the invite's public key). The sidecar carries
 *    only the sealed secret. An invite that leaks after it was used gives nothing: its token is
 *    used up and the private key that could seal for it is gone.
 *
 * Private keys are non-extractable CryptoKeys (kept in IndexedDB as such). The pair secret
 * itself is kept only sealed under a device-local non-extractable vault key, so no raw secret
 * sits in IndexedDB; it is opened in memory only to seal it for a device being let in.
 */

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const utf8 = new TextEncoder();

export interface Sealed {
  iv: string;
  ct: string;
}

export interface DeviceKeyPair {
  privateKey: CryptoKey;
  /** Raw uncompressed P-256 point (65 bytes), base64url: 87 characters. */
  publicKey: string;
}

export class KeyExchangeError extends Error {
  override name = 'KeyExchangeError';
}

/** A new ECDH key pair whose private half can never be read out of the browser. */
export async function newExchangeKeyPair(): Promise<DeviceKeyPair> {
  const pair = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64url(raw) };
}

/** What both sides bind the exchange to: the space, the joining device and both keys. */
function transcript(spaceId: string, deviceId: string, invitePub: string, joinerPub: string) {
  return utf8.encode(`tandem/v2 join|${spaceId}|${deviceId}|${invitePub}|${joinerPub}`);
}

/** Six digits both members compare, as "482 913". */
export async function verificationCode(
  spaceId: string,
  deviceId: string,
  invitePub: string,
  joinerPub: string,
): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', transcript(spaceId, deviceId, invitePub, joinerPub)),
  );
  const number =
    (((digest[0] ?? 0) << 24) |
      ((digest[1] ?? 0) << 16) |
      ((digest[2] ?? 0) << 8) |
      (digest[3] ?? 0)) >>>
    0;
  const digits = String(number % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

async function importPublic(publicKey: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', fromBase64url(publicKey), ECDH, false, []);
  } catch {
    throw new KeyExchangeError('The other device’s key is not a valid P-256 public key.');
  }
}

/** An AES-GCM key from ECDH (this device's private key, the other's public key) and HKDF. */
export async function sharedKey(
  privateKey: CryptoKey,
  publicKey: string,
  context: Uint8Array<ArrayBuffer>,
  salt = 'tandem/v2/join',
): Promise<CryptoKey> {
  const bits = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: await importPublic(publicKey) },
    privateKey,
    256,
  );
  const base = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode(salt), info: context },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The inviter seals the pair secret for the joining device. */
export async function sealSecretFor(
  secret: Uint8Array,
  invite: DeviceKeyPair,
  joinerPub: string,
  spaceId: string,
  deviceId: string,
): Promise<Sealed> {
  const context = transcript(spaceId, deviceId, invite.publicKey, joinerPub);
  const key = await sharedKey(invite.privateKey, joinerPub, context);
  return seal(key, secret, context);
}

/** The joining device opens the secret the inviter sealed for it. */
export async function openSecretFrom(
  sealed: Sealed,
  joiner: DeviceKeyPair,
  invitePub: string,
  spaceId: string,
  deviceId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const context = transcript(spaceId, deviceId, invitePub, joiner.publicKey);
  const key = await sharedKey(joiner.privateKey, invitePub, context);
  return open(key, sealed, context);
}

/** A device-local key that seals the pair secret at rest; it can never be read out. */
export function newVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]) as Promise<CryptoKey>;
}

const VAULT_CONTEXT = utf8.encode('tandem/v2 vault');

export function sealInVault(vault: CryptoKey, secret: Uint8Array): Promise<Sealed> {
  return seal(vault, secret, VAULT_CONTEXT);
}

export function openFromVault(vault: CryptoKey, sealed: Sealed): Promise<Uint8Array<ArrayBuffer>> {
  return open(vault, sealed, VAULT_CONTEXT);
}

export async function seal(key: CryptoKey, plain: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new Uint8Array(aad) },
    key,
    new Uint8Array(plain),
  );
  return { iv: toBase64url(iv), ct: toBase64url(new Uint8Array(ct)) };
}

export async function open(
  key: CryptoKey,
  sealed: Sealed,
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64url(sealed.iv), additionalData: new Uint8Array(aad) },
      key,
      fromBase64url(sealed.ct),
    );
    return new Uint8Array(plain);
  } catch {
    throw new KeyExchangeError(
      'The pair key sent for this device does not open: it was changed, or sealed for another device.',
    );
  }
}

/** SHA-256 of an invite token, hex: how the sidecar names the invite a device joined with. */
export async function inviteHash(inviteToken: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(inviteToken)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
