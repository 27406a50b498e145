import {
  createSpaceRequest,
  deviceCredentials,
  inviteResponse,
  joinRequest,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import { clientKey } from '../client-address';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { spacePath } from '../params';
import { TokenBuckets } from '../rate-limit';
import type { NewDevice } from '../store/types';
import { hashToken, newSecretToken, newServerId, sameHash } from '../tokens';
import { checkResponse, parseRequest } from '../validate';

/** Creating a space, inviting into it and joining it. */
export function registerSpaceRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, limits } = context;
  const createTokenHash = context.createToken && hashToken(context.createToken);
  const creations = new TokenBuckets(
    { burst: limits.createPerHour, perSecond: limits.createPerHour / 3600 },
    clock,
  );

  app.post('/v1/spaces', async (request, reply) => {
    const body = parseRequest(createSpaceRequest, request.body, 'body');
    // An exposed sidecar creates spaces only for those the operator gave its creation token.
    if (createTokenHash) {
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!given || !sameHash(hashToken(given), createTokenHash)) {
        throw new HttpError(
          401,
          'create_token_required',
          'This sidecar creates spaces only with its creation token (ask whoever runs it).',
        );
      }
    }
    // Counted only for creations that would succeed: a space is rows that stay.
    const waitSeconds = creations.take(clientKey(request.ip));
    if (waitSeconds > 0) {
      reply.header('retry-after', String(waitSeconds));
      throw new HttpError(429, 'rate_limited', 'Too many new spaces from this address; try later.');
    }
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
    await store.createInvite(
      {
        spaceId,
        tokenHash: hashToken(inviteToken),
        createdBy: inviter.deviceId,
        createdAt,
        expiresAt,
      },
      limits.maxInvitesPerSpace,
    );
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
    const joined = await store.consumeInvite(
      spaceId,
      hashToken(body.inviteToken),
      now,
      device,
      limits.maxDevicesPerSpace,
    );
    // One answer for unknown, used, expired and other-space invites: none of them says more.
    if (!joined) {
      throw new HttpError(403, 'invite_invalid', 'This invite is unknown, used or expired.');
    }
    // The key the inviter seals the pair secret for, and which invite it answers.
    await store.recordJoinKey(
      spaceId,
      device.deviceId,
      body.publicKey,
      hashToken(body.inviteToken),
      now,
    );
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
