import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Device and invite tokens: 32 random bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Space and device ids: 16 random bytes, base64url (22 characters). */
export function newServerId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Tokens are stored only as SHA-256 hashes, so a leaked database holds no usable credential.
 * A plain hash (no salt, no slow KDF) is right here: the tokens are 256-bit random, not
 * passwords, and the hash must be deterministic to be looked up by.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time equality of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
