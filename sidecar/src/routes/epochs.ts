import {
  deviceKeyRequest,
  deviceKeysResponse,
  epochGrantsRequest,
  epochKeysResponse,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError, unauthorized } from '../errors';
import { epochKeysQuery, epochPath, spacePath } from '../params';
import { RevokedDeviceError } from '../store/types';
import { checkResponse, parseRequest } from '../validate';

/**
 * Device keys and key epochs (utils/sync/epochs.ts): the sidecar keeps each device's long-term
 * public key with its proof, and each epoch's secret sealed per device, and can check or open
 * none of it. A device sets only its own key, once; a grant is stored once, all of a request or
 * none, and read only by the device it was sealed for.
 */
export function registerEpochRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, limits } = context;

  app.put('/v1/spaces/:spaceId/device-key', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    const { publicKey, proof } = parseRequest(deviceKeyRequest, request.body, 'body');
    const result = await revokedIsUnauthorized(() =>
      store.setDeviceKey(spaceId, device.deviceId, publicKey, proof, clock.now()),
    );
    if (result === 'conflict') {
      throw new HttpError(409, 'conflict', 'This device has published another key already.');
    }
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
    const result = await revokedIsUnauthorized(() =>
      store.grantEpoch(
        spaceId,
        epoch,
        grants.map((grant) => ({ deviceId: grant.deviceId, sealed: JSON.stringify(grant.sealed) })),
        granter.deviceId,
        clock.now(),
        limits.spaceQuota,
      ),
    );
    if (result === 'unknown') {
      throw new HttpError(404, 'not_found', 'A device of these grants is not in this space.');
    }
    if (result === 'conflict') {
      throw new HttpError(409, 'conflict', 'A device has been given this epoch already.');
    }
    request.log.info(
      { spaceId, epoch, by: granter.deviceId, devices: grants.length },
      'epoch granted',
    );
    return reply.code(204).send();
  });

  app.get('/v1/spaces/:spaceId/epoch-keys', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    const { after } = parseRequest(epochKeysQuery, request.query, 'query');
    const grants = await store.epochGrantsFor(spaceId, device.deviceId, after);
    return checkResponse(epochKeysResponse, {
      grants: grants.map((grant) => ({
        epoch: grant.epoch,
        sealed: JSON.parse(grant.sealed) as { iv: string; ct: string },
        grantedBy: grant.grantedBy,
      })),
    });
  });
}

/** Revoked between authentication and the store's transaction: as if it had been before. */
async function revokedIsUnauthorized<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof RevokedDeviceError) throw unauthorized(error.message);
    throw error;
  }
}
