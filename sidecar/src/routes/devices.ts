import type { FastifyInstance } from 'fastify';
import { devicesResponse } from '../../../utils/sync/protocol';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { devicePath, spacePath } from '../params';
import type { DeviceRecord } from '../store/types';
import { checkResponse, parseRequest } from '../validate';

/** Listing a space's devices, removing one, and leaving. */
export function registerDeviceRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, streams } = context;

  app.get('/v1/spaces/:spaceId/devices', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    await authenticateDevice(request, store, clock, spaceId);
    const devices = await store.listDevices(spaceId);
    return checkResponse(devicesResponse, { devices: devices.map(toDeviceInfo) });
  });

  // Any member may remove any device of the space: a pair is small and trusts its members, and
  // the member whose laptop was stolen must be able to cut it off from another device.
  app.delete('/v1/spaces/:spaceId/devices/:deviceId', async (request, reply) => {
    const { spaceId, deviceId } = parseRequest(devicePath, request.params, 'path');
    const actor = await authenticateDevice(request, store, clock, spaceId);
    const revoked = await store.revokeDevice(spaceId, deviceId, clock.now());
    if (!revoked) throw new HttpError(404, 'not_found', 'This space has no such device.');
    streams.endDevice(deviceId);
    request.log.info({ spaceId, deviceId, by: actor.deviceId }, 'device revoked');
    return reply.code(204).send();
  });

  app.post('/v1/spaces/:spaceId/leave', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    await store.revokeDevice(spaceId, device.deviceId, clock.now());
    streams.endDevice(device.deviceId);
    request.log.info({ spaceId, deviceId: device.deviceId }, 'device left');
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
