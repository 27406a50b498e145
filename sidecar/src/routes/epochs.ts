import type { FastifyInstance } from 'fastify';
import {
  deviceKeyRequest,
  deviceKeysResponse,
  epochGrantsRequest,
  epochKeysResponse,
} from '../../../utils/sync/protocol';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { epochKeysQuery, epochPath, spacePath } from '../params';
import { checkResponse, parseRequest } from '../validate';

/**
 * Device keys and key epochs (utils/sync/epochs.ts): the sidecar keeps each device's public key
 * with its proof, and each epoch's secret sealed per device, and can check or open none of it.
 * A device sets only its own key, once; a grant is stored once, all of a request or none.
 */
export function registerEpochRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock } = context;

  app.put('/v1/spaces/:spaceId/device-key', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    const { publicKey, proof } = parseRequest(deviceKeyRequest, request.body, 'body');
    const result = await store.setDeviceKey(
      spaceId,
      device.deviceId,
      publicKey,
      proof,
      clock.now(),
    );
    if (result === 'conflict') {
      throw new HttpError(409, 'conflict', 'This device has published another key already.');
    }
    if (result === 'unknown') throw new HttpError(404, 'not_found', 'No such device.');
    return reply.code(204).send();
  });

  app.get('/v1/spaces/:spaceId/device-keys', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    await authenticateDevice(request, store, clock, spaceId);
    return checkResponse(deviceKeysResponse, { keys: await store.listDeviceKeys(spaceId) });
  });

  app.post('/v1/spaces/:spaceId/epochs/:epoch/keys', async (request, reply) => {
    const { spaceId, epoch } = parseRequest(epochPath, request.params, 'path');
    const granter = await authenticateDevice(request, store, clock, spaceId);
    const { grants } = parseRequest(epochGrantsRequest, request.body, 'body');
    const result = await store.grantEpoch(
      spaceId,
      epoch,
      grants.map((g) => ({ deviceId: g.deviceId, sealed: JSON.stringify(g.sealed) })),
      granter.deviceId,
      clock.now(),
    );
    if (result === 'unknown') {
      throw new HttpError(404, 'not_found', 'A device of these grants is not in this space.');
    }
    if (result === 'conflict') {
      throw new HttpError(409, 'conflict', 'A device has been given this epoch already.');
    }
    request.log.info({ spaceId, epoch, by: granter.deviceId, devices: grants.length }, 'epoch');
    return reply.code(204).send();
  });

  app.get('/v1/spaces/:spaceId/epoch-keys', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    const { after } = parseRequest(epochKeysQuery, request.query, 'query');
    const grants = await store.epochGrantsFor(spaceId, device.deviceId, after);
    return checkResponse(epochKeysResponse, {
      grants: grants.map((g) => ({
        epoch: g.epoch,
        sealed: JSON.parse(g.sealed) as { iv: string; ct: string },
        grantedBy: g.grantedBy,
      })),
    });
  });
}
