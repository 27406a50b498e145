import type { FastifyInstance } from 'fastify';
import {
  createSpaceRequest,
  deviceCredentials,
  inviteResponse,
  joinRequest,
} from '../../../utils/sync/protocol';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { spacePath } from '../params';
import type { NewDevice } from '../store/types';
import { hashToken, newSecretToken, newServerId } from '../tokens';
import { checkResponse, parseRequest } from '../validate';

/** Creating a space, inviting into it and joining it. */
export function registerSpaceRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, limits } = context;

  app.post('/v1/spaces', async (request, reply) => {
    const body = parseRequest(createSpaceRequest, request.body, 'body');
    const spaceId = newServerId();
    const { device, token } = newDevice(body.deviceName, clock.now());
    await store.createSpace(spaceId, clock.now(), device);
    request.log.info({ spaceId, deviceId: device.deviceId }, 'space created');
    return reply.code(201).send(
      checkResponse(deviceCredentials, {
        spaceId,
        deviceId: device.deviceId,
        deviceToken: token,
      }),
    );
  });

  app.post('/v1/spaces/:spaceId/invites', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const inviter = await authenticateDevice(request, store, clock, spaceId);
    const inviteToken = newSecretToken();
    const createdAt = clock.now();
    const expiresAt = new Date(createdAt.getTime() + limits.inviteTtlMs);
    await store.createInvite({
      spaceId,
      tokenHash: hashToken(inviteToken),
      createdBy: inviter.deviceId,
      createdAt,
      expiresAt,
    });
    request.log.info({ spaceId, deviceId: inviter.deviceId }, 'invite created');
    return reply
      .code(201)
      .send(checkResponse(inviteResponse, { inviteToken, expiresAt: expiresAt.toISOString() }));
  });

  app.post('/v1/spaces/:spaceId/join', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const body = parseRequest(joinRequest, request.body, 'body');
    const now = clock.now();
    const { device, token } = newDevice(body.deviceName, now);
    const joined = await store.consumeInvite(spaceId, hashToken(body.inviteToken), now, device);
    // One answer for unknown, used, expired and other-space invites: none of them says more.
    if (!joined) {
      throw new HttpError(403, 'invite_invalid', 'This invite is unknown, used or expired.');
    }
    request.log.info({ spaceId, deviceId: device.deviceId }, 'device joined');
    return reply.code(201).send(
      checkResponse(deviceCredentials, {
        spaceId,
        deviceId: device.deviceId,
        deviceToken: token,
      }),
    );
  });
}

function newDevice(name: string, createdAt: Date): { device: NewDevice; token: string } {
  const token = newSecretToken();
  return {
    device: { deviceId: newServerId(), name, tokenHash: hashToken(token), createdAt },
    token,
  };
}
