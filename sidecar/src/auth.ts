import type { FastifyRequest } from 'fastify';
import type { Clock } from './clock';
import { HttpError, unauthorized } from './errors';
import type { DeviceRecord, Store } from './store/types';
import { hashToken, sameHash } from './tokens';

// The scheme is case-insensitive (RFC 9110); the token is exactly what the server issued.
const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/i;
/** lastSeenAt is for people reading the devices list: a minute's precision spares a write per request. */
const SEEN_PRECISION_MS = 60_000;

/**
 * Finds the device behind the request's bearer token and checks it belongs to the space in the
 * path. The order matters: a bad token is 401 whatever the path says, and a good token of
 * another space is 403 whether or not the path's space exists, so no answer reveals which
 * spaces exist.
 */
export async function authenticateDevice(
  request: FastifyRequest,
  store: Store,
  clock: Clock,
  spaceId: string,
): Promise<DeviceRecord> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthorized();
  const tokenHash = hashToken(token);
  // The lookup is by hash, so its timing says nothing about the token; the comparison below is
  // constant-time all the same, in case a store ever matches loosely.
  const device = await store.findDeviceByTokenHash(tokenHash);
  if (!device || !sameHash(device.tokenHash, tokenHash)) throw unauthorized();
  if (device.revokedAt) throw unauthorized('This device was removed from the space.');
  if (device.spaceId !== spaceId) {
    throw new HttpError(403, 'forbidden', 'This token is not valid for this space.');
  }
  await noteSeen(store, clock, device);
  return device;
}

/** The token of a well-formed `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  return BEARER.exec(header ?? '')?.[1];
}

async function noteSeen(store: Store, clock: Clock, device: DeviceRecord): Promise<void> {
  const now = clock.now();
  const lastSeen = device.lastSeenAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (now.getTime() - lastSeen < SEEN_PRECISION_MS) return;
  await store.touchDevice(device.deviceId, now);
  device.lastSeenAt = now;
}
