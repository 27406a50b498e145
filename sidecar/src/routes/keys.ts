import { joinsResponse, keyResponse, sealedSecret } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { devicePath, spacePath } from '../params';
import { checkResponse, parseRequest } from '../validate';

/**
 * Letting a joined device in (utils/sync/keys.ts): the sidecar passes public keys one way and a
 * sealed pair secret the other, and can open neither. A grant is stored once and never replaced.
 */
export function registerKeyRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock } = context;

  app.get('/v1/spaces/:spaceId/joins', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    await authenticateDevice(request, store, clock, spaceId);
    return checkResponse(joinsResponse, { joins: await store.listJoins(spaceId) });
  });

  app.post('/v1/spaces/:spaceId/devices/:deviceId/key', async (request, reply) => {
    const { spaceId, deviceId } = parseRequest(devicePath, request.params, 'path');
    const granter = await authenticateDevice(request, store, clock, spaceId);
    const sealed = parseRequest(sealedSecret, request.body, 'body');
    if (granter.deviceId === deviceId) {
      throw new HttpError(403, 'forbidden', 'A device cannot let itself in.');
    }
    // Only a device that holds the key itself can have sealed it; one let in already has.
    const own = await store.keyGrantOf(spaceId, granter.deviceId);
    const joinedWithKey = (await store.listJoins(spaceId)).some(
      (j) => j.deviceId === granter.deviceId,
    );
    if (joinedWithKey && !own) {
      throw new HttpError(403, 'forbidden', 'This device has not been let in itself yet.');
    }
    const result = await store.grantKey(
      spaceId,
      deviceId,
      JSON.stringify(sealed),
      granter.deviceId,
      clock.now(),
    );
    if (result === 'unknown') {
      throw new HttpError(404, 'not_found', 'No device of this space is waiting for a key.');
    }
    if (result === 'exists') {
      throw new HttpError(409, 'conflict', 'This device has been given its key already.');
    }
    request.log.info({ spaceId, deviceId, by: granter.deviceId }, 'key granted');
    return reply.code(204).send();
  });

  app.get('/v1/spaces/:spaceId/key', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    const grant = await store.keyGrantOf(spaceId, device.deviceId);
    if (!grant) throw new HttpError(404, 'not_found', 'No key has been given to this device yet.');
    return checkResponse(keyResponse, {
      sealed: JSON.parse(grant.sealed) as { iv: string; ct: string },
      grantedBy: grant.grantedBy,
    });
  });
}
