import { createHash, randomBytes } from 'node:crypto';
import type { Envelope } from '@tandem/protocol';
import type { NewDevice, NewMutation } from '../../src/store/types';
import { hashToken, newSecretToken, newServerId } from '../../src/tokens';

/** An envelope of random bytes: what the server sees of a record it cannot read. */
export function opaqueEnvelope(ciphertextBytes = 48): Envelope {
  return {
    v: 1,
    iv: randomBytes(12).toString('base64url'),
    ct: randomBytes(ciphertextBytes).toString('base64url'),
  };
}

/**
 * Mutations as one device makes them: the same id always carries the same envelope, so calling
 * this again for an id is a retry of it (a retry with other content is a conflict).
 */
export function mutations(fromId: number, count: number, ciphertextBytes = 48): NewMutation[] {
  return Array.from({ length: count }, (_, index) => ({
    mutationId: fromId + index,
    recordId: `record-${fromId + index}`,
    envelope: envelopeOf(fromId + index, ciphertextBytes),
  }));
}

/** Opaque bytes that depend only on the mutation id and size. */
function envelopeOf(mutationId: number, ciphertextBytes: number): Envelope {
  const bytes = (label: string, length: number) => {
    const chunks: Buffer[] = [];
    for (let block = 0; chunks.length * 32 < length; block += 1) {
      chunks.push(createHash('sha256').update(`${label}:${mutationId}:${block}`).digest());
    }
    return Buffer.concat(chunks).subarray(0, length).toString('base64url');
  };
  return { v: 1, iv: bytes('iv', 12), ct: bytes(`ct${ciphertextBytes}`, ciphertextBytes) };
}

export function newDevice(
  name: string,
  createdAt = new Date(),
): { device: NewDevice; token: string } {
  const token = newSecretToken();
  return {
    device: { deviceId: newServerId(), name, tokenHash: hashToken(token), createdAt },
    token,
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-02T09:00:00.000Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
