import { devicesResponse } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { devicePath, spacePath } from '../params';
import type { DeviceRecord } from '../store/types';
import { checkResponse, parseRequest } from '../validate';
import { assertOwner, leaveSpace } from './owners';

/** Listing a space's devices, removing one, and leaving. */
export function registerDeviceRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, streams } = context;

  app.get('/v1/spaces/:spaceId/devices', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    await authenticateDevice(request, store, clock, spaceId);
    const devices = await store.listDevices(spaceId);
    return checkResponse(devicesResponse, { devices: devices.map(toDeviceInfo) });
  });

  // Only an owner removes other devices (any device may remove itself: that is leaving), so a
  // member, or a stranger holding a member's stolen token, cannot cut the pair apart. An owner
  // with two browsers makes the second an owner too (owners.ts), to cut off a stolen first one.
  app.delete('/v1/spaces/:spaceId/devices/:deviceId', async (request, reply) => {
    const { spaceId, deviceId } = parseRequest(devicePath, request.params, 'path');
    const actor = await authenticateDevice(request, store, clock, spaceId);
    if (deviceId === actor.deviceId) {
      await leaveSpace(context, actor, request.log);
      return reply.code(204).send();
    }
    assertOwner(actor, 'Only an owner of the space can remove another device.');
    const revoked = await store.revokeDevice(spaceId, deviceId, clock.now());
    if (!revoked) throw new HttpError(404, 'not_found', 'This space has no such device.');
    streams.endDevice(deviceId);
    request.log.info({ spaceId, deviceId, by: actor.deviceId }, 'device revoked');
    return reply.code(204).send();
  });

  app.post('/v1/spaces/:spaceId/leave', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    await leaveSpace(context, device, request.log);
    return reply.code(204).send();
  });
}

function toDeviceInfo(device: DeviceRecord) {
  return {
    deviceId: device.deviceId,
    name: device.name,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revoked: device.revokedAt !== null,
  };
}
