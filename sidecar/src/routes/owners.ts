import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { devicePath, spacePath } from '../params';
import type { DeviceRecord } from '../store/types';
import { parseRequest } from '../validate';

/**
 * What only an owner may do: end the space for everyone (its data is deleted) and make another
 * of the space's devices an owner (e.g. their own second browser). The device that created the
 * space is its first owner; removing other devices is an owner's too (devices.ts).
 */
export function registerOwnerRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock } = context;

  app.delete('/v1/spaces/:spaceId', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const actor = await authenticateDevice(request, store, clock, spaceId);
    assertOwner(actor, 'Only an owner of the space can delete it.');
    await deleteSpace(context, spaceId, actor, request.log);
    return reply.code(204).send();
  });

  app.post('/v1/spaces/:spaceId/devices/:deviceId/owner', async (request, reply) => {
    const { spaceId, deviceId } = parseRequest(devicePath, request.params, 'path');
    const actor = await authenticateDevice(request, store, clock, spaceId);
    assertOwner(actor, 'Only an owner of the space can make another device an owner.');
    if (!(await store.makeOwner(spaceId, deviceId))) {
      throw new HttpError(404, 'not_found', 'This space has no such device.');
    }
    request.log.info({ spaceId, deviceId, by: actor.deviceId }, 'device made owner');
    return reply.code(204).send();
  });
}

export function assertOwner(device: DeviceRecord, message: string): void {
  if (device.role !== 'owner') throw new HttpError(403, 'forbidden', message);
}

/**
 * A device leaving. The last owner leaving is "stop sharing" for the pair: nobody would be left
 * to manage the space, so it is deleted with everything in it. Any other device is revoked.
 */
export async function leaveSpace(
  context: RouteContext,
  device: DeviceRecord,
  log: FastifyBaseLogger,
): Promise<void> {
  const { store, clock, streams } = context;
  if (device.role === 'owner') {
    const otherOwners = (await store.listDevices(device.spaceId)).filter(
      (other) =>
        other.role === 'owner' && other.revokedAt === null && other.deviceId !== device.deviceId,
    );
    if (otherOwners.length === 0) {
      await deleteSpace(context, device.spaceId, device, log);
      return;
    }
  }
  await store.revokeDevice(device.spaceId, device.deviceId, clock.now());
  streams.endDevice(device.deviceId);
  log.info({ spaceId: device.spaceId, deviceId: device.deviceId }, 'device left');
}

async function deleteSpace(
  context: RouteContext,
  spaceId: string,
  by: DeviceRecord,
  log: FastifyBaseLogger,
): Promise<void> {
  await context.store.deleteSpace(spaceId);
  // Streams on other processes end at their next heartbeat, when the token is gone.
  context.streams.endSpace(spaceId);
  log.info({ spaceId, by: by.deviceId }, 'space deleted');
}
