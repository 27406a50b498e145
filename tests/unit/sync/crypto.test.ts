import { describe, expect, test } from 'vitest';
import {
  createPairSecret,
  DecryptError,
  decryptRecord,
  derivePairKeys,
  encryptRecord,
  fromBase64url,
  MAX_PLAINTEXT_BYTES,
  opaqueRecordId,
  padToBucket,
  sealedLength,
  toBase64url,
} from '../../../utils/sync/crypto';

const SPACE = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_SPACE = 'BBBBBBBBBBBBBBBBBBBBBB';
/** The writer as the log names it: its device and mutation id. */
const W = { deviceId: 'mentor-device', mutationId: 7 };
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
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
    expect(envelope.v).toBe(2);
    expect(envelope.iv).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(envelope.ct).not.toContain('Alex');
    expect(await decryptRecord(content, SPACE, 'rec-1', envelope, W)).toBe(plaintext);
  });

  test('text in any script survives the round trip', async () => {
    const { content } = await keys();
    const text = 'Été 🌱 — 目標 — مرحبا';
    expect(
      await decryptRecord(
        content,
        SPACE,
        'r',
        await encryptRecord(content, SPACE, 'r', text, W),
        W,
      ),
    ).toBe(text);
  });

  test('every seal uses a fresh IV, so the same record never looks the same twice', async () => {
    const { content } = await keys();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
      seen.add(envelope.iv);
    }
    expect(seen.size).toBe(50);
  });

  test('a changed ciphertext byte is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
    for (const at of [0, 10, fromBase64url(envelope.ct).length - 1]) {
      await expect(
        decryptRecord(content, SPACE, 'rec-1', { ...envelope, ct: flip(envelope.ct, at) }, W),
      ).rejects.toThrow(/does not verify/);
    }
  });

  test('a changed IV is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
    await expect(
      decryptRecord(content, SPACE, 'rec-1', { ...envelope, iv: flip(envelope.iv, 3) }, W),
    ).rejects.toThrow(DecryptError);
  });

  test('an envelope moved to another record id or another pair space is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
    await expect(decryptRecord(content, SPACE, 'rec-2', envelope, W)).rejects.toThrow(
      /moved to another record/,
    );
    await expect(decryptRecord(content, OTHER_SPACE, 'rec-1', envelope, W)).rejects.toThrow(
      DecryptError,
    );
  });

  test('an envelope sealed with another pair key is refused', async () => {
    const mine = await keys();
    const theirs = await keys();
    const envelope = await encryptRecord(theirs.content, SPACE, 'rec-1', plaintext, W);
    await expect(decryptRecord(mine.content, SPACE, 'rec-1', envelope, W)).rejects.toThrow(
      /another key/,
    );
  });

  test('envelope versions below the minimum, unknown versions and malformed envelopes are refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
    await expect(decryptRecord(content, SPACE, 'rec-1', { ...envelope, v: 0 }, W)).rejects.toThrow(
      /version 0/,
    );
    await expect(decryptRecord(content, SPACE, 'rec-1', { ...envelope, v: 3 }, W)).rejects.toThrow(
      /newer Tandem/,
    );
    await expect(
      decryptRecord(content, SPACE, 'rec-1', { v: 1, iv: 'short', ct: 'x' }, W),
    ).rejects.toThrow(/malformed/);
    await expect(decryptRecord(content, SPACE, 'rec-1', null, W)).rejects.toThrow(/malformed/);
  });

  test('an envelope relabelled with another writer or mutation id, or epoch, is refused', async () => {
    const { content } = await keys();
    const envelope = await encryptRecord(content, SPACE, 'rec-1', plaintext, W);
    for (const writer of [
      { ...W, deviceId: 'mentee-device' },
      { ...W, mutationId: 8 },
    ]) {
      await expect(decryptRecord(content, SPACE, 'rec-1', envelope, writer)).rejects.toThrow(
        /relabelled/,
      );
    }
    await expect(decryptRecord(content, SPACE, 'rec-1', envelope, W, 1)).rejects.toThrow(
      DecryptError,
    );
    // The epoch is bound, not sent: the sidecar does not learn which key sealed a record.
    const later = await encryptRecord(content, SPACE, 'rec-1', plaintext, W, 3);
    expect(Object.keys(later).sort()).toEqual(['ct', 'iv', 'v']);
    expect(await decryptRecord(content, SPACE, 'rec-1', later, W, 3)).toBe(plaintext);
    await expect(decryptRecord(content, SPACE, 'rec-1', later, W)).rejects.toThrow(DecryptError);
  });

  test('the plaintext is padded to a size bucket: lengths within one bucket look alike', async () => {
    const { content } = await keys();
    const sizes = new Set<number>();
    for (const length of [1, 100, 400, 500]) {
      const text = JSON.stringify({ body: 'x'.repeat(length) });
      const envelope = await encryptRecord(content, SPACE, 'rec-1', text, W);
      sizes.add(envelope.ct.length);
      expect(envelope.ct.length).toBe(sealedLength(text));
      expect(await decryptRecord(content, SPACE, 'rec-1', envelope, W)).toBe(text);
    }
    expect([...sizes]).toEqual([Math.ceil(((512 + 16) * 4) / 3)]);
    expect(padToBucket(new Uint8Array(513))).toHaveLength(1024);
    expect(padToBucket(new Uint8Array(MAX_PLAINTEXT_BYTES + 1))).toHaveLength(
      MAX_PLAINTEXT_BYTES + 1,
    );
  });

  test('version 1 envelopes (unpadded, space and record id only) are still read', async () => {
    const { content } = await keys();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`tandem/v1|${SPACE}|rec-1`) },
      content,
      new TextEncoder().encode(plaintext),
    );
    const v1 = { v: 1, iv: toBase64url(iv), ct: toBase64url(new Uint8Array(ct)) };
    expect(await decryptRecord(content, SPACE, 'rec-1', v1, W)).toBe(plaintext);
    await expect(decryptRecord(content, SPACE, 'rec-2', v1, W)).rejects.toThrow(DecryptError);
  });

  test('the same pair secret gives the same keys; the content key cannot be exported', async () => {
    const secret = createPairSecret();
    expect(secret).toHaveLength(32);
    const a = await derivePairKeys(secret);
    const b = await derivePairKeys(secret);
    expect(a.content.extractable).toBe(false);
    expect(a.recordIds.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', a.content)).rejects.toThrow();
    const envelope = await encryptRecord(a.content, SPACE, 'rec-1', plaintext, W);
    expect(await decryptRecord(b.content, SPACE, 'rec-1', envelope, W)).toBe(plaintext);
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
