import { describe, expect, test } from 'vitest';
import {
  createPairSecret,
  DecryptError,
  decryptRecord,
  derivePairKeys,
  encryptRecord,
  fromBase64url,
  opaqueRecordId,
  toBase64url,
} from '../../../utils/sync/crypto';

const SPACE = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_SPACE = 'BBBBBBBBBBBBBBBBBBBBBB';
const plaintext = JSON.stringify({ table: 'notes', record: { body: 'Alex will draft the brief' } });

async function keys() {
  return derivePairKeys(createPairSecret());
}

/** Flip one bit of a base64url string's decoded bytes. */
function flip(text: string, byte: number): string {
  const bytes = fromBase64url(text);
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  return toBase64url(bytes);
}

describe('record encryption', () => {
  test('a record sealed for a space and record id opens there, unchanged', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext);
    expect(envelope.v).toBe(1);
    expect(envelope.iv).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(envelope.ct).not.toContain('Alex');
    expect(await decryptRecord(content, SPACE, 'rec-1', envelope)).toBe(plaintext);
  });

  test('text in any script survives the round trip', async () => {
    const { content } = await keys();
    const text = 'Été 🌱 — 目標 — مرحبا';
    expect(
      await decryptRecord(content, SPACE, 'r', await encryptRecord(content, SPACE, 'r', text)),
    ).toBe(text);
  });

  test('every seal uses a fresh IV, so the same record never looks the same twice', async () => {
    const { content } = await keys();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext);
      seen.add(envelope.iv);
    }
    expect(seen.size).toBe(50);
  });

  test('a changed ciphertext byte is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext);
    for (const at of [0, 10, fromBase64url(envelope.ct).length - 1]) {
      await expect(
        decryptRecord(content, SPACE, 'rec-1', { ...envelope, ct: flip(envelope.ct, at) }),
      ).rejects.toThrow(/does not verify/);
    }
  });

  test('a changed IV is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext);
    await expect(
      decryptRecord(content, SPACE, 'rec-1', { ...envelope, iv: flip(envelope.iv, 3) }),
    ).rejects.toThrow(DecryptError);
  });

  test('an envelope moved to another record id or another pair space is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext);
    await expect(decryptRecord(content, SPACE, 'rec-2', envelope)).rejects.toThrow(
      /moved to another record/,
    );
    await expect(decryptRecord(content, OTHER_SPACE, 'rec-1', envelope)).rejects.toThrow(
      DecryptError,
    );
  });

  test('an envelope sealed with another pair key is refused', async () => {
    const mine = await keys();
    const theirs = await keys();
    const envelope = await encryptRecord(theirs.content, SPACE, 'rec-1', plaintext);
    await expect(decryptRecord(mine.content, SPACE, 'rec-1', envelope)).rejects.toThrow(
      /another key/,
    );
  });

  test('envelope versions below the minimum, unknown versions and malformed envelopes are refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext);
    await expect(decryptRecord(content, SPACE, 'rec-1', { ...envelope, v: 0 })).rejects.toThrow(
      /version 0/,
    );
    await expect(decryptRecord(content, SPACE, 'rec-1', { ...envelope, v: 2 })).rejects.toThrow(
      /newer Tandem/,
    );
    await expect(
      decryptRecord(content, SPACE, 'rec-1', { v: 1, iv: 'short', ct: 'x' }),
    ).rejects.toThrow(/malformed/);
    await expect(decryptRecord(content, SPACE, 'rec-1', null)).rejects.toThrow(/malformed/);
  });

  test('the same pair secret gives the same keys; the content key cannot be exported', async () => {
    const secret = createPairSecret();
    expect(secret).toHaveLength(32);
    const a = await derivePairKeys(secret);
    const b = await derivePairKeys(secret);
    expect(a.content.extractable).toBe(false);
    expect(a.recordIds.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', a.content)).rejects.toThrow();
    const envelope = await encryptRecord(a.content, SPACE, 'rec-1', plaintext);
    expect(await decryptRecord(b.content, SPACE, 'rec-1', envelope)).toBe(plaintext);
    expect(await opaqueRecordId(a.recordIds, 'notes', 'n1')).toBe(
      await opaqueRecordId(b.recordIds, 'notes', 'n1'),
    );
  });

  test('the sidecar sees an opaque record id that names neither table nor id', async () => {
    const { recordIds } = await keys();
    const id = await opaqueRecordId(recordIds, 'promptStates', 'pair-1:bank-goals-3');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain('pair');
    expect(await opaqueRecordId(recordIds, 'notes', 'pair-1:bank-goals-3')).not.toBe(id);
    await expect(derivePairKeys(new Uint8Array(16))).rejects.toThrow(/32 bytes/);
  });
});

describe('base64url', () => {
  test('round-trips every length and refuses what is not base64url', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = toBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64url(text)).toEqual(bytes);
    }
    expect(toBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(() => fromBase64url('ab+c')).toThrow();
    expect(() => fromBase64url('abcde')).toThrow(/length/);
    expect(() => fromBase64url('AB')).toThrow(/non-canonical/);
  });
});
