import { randomBytes } from 'node:crypto';
import type { Envelope } from '../../../utils/sync/protocol';
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

export function mutations(fromId: number, count: number, ciphertextBytes = 48): NewMutation[] {
  return Array.from({ length: count }, (_, index) => ({
    mutationId: fromId + index,
    recordId: `record-${fromId + index}`,
    envelope: opaqueEnvelope(ciphertextBytes),
  }));
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
