import { pushRequest, pushResponse } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { unauthorized } from '../errors';
import { pullQuery, spacePath } from '../params';
import { checkPullPage } from '../pull-check';
import { RevokedDeviceError } from '../store/types';
import { checkResponse, parseRequest } from '../validate';

/** Pushing to and pulling from a space's append-only log. */
export function registerLogRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, limits } = context;

  app.post('/v1/spaces/:spaceId/push', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);
    const { mutations } = parseRequest(pushRequest, request.body, 'body');
    let seqs: number[];
    try {
      seqs = await store.append(
        spaceId,
        device.deviceId,
        mutations,
        clock.now(),
        limits.spaceQuota,
      );
    } catch (error) {
      // Revoked between authentication and the append's transaction.
      if (error instanceof RevokedDeviceError) throw unauthorized(error.message);
      throw error;
    }
    request.log.info(
      { spaceId, deviceId: device.deviceId, mutations: mutations.length, lastSeq: seqs.at(-1) },
      'push',
    );
    return checkResponse(pushResponse, {
      results: mutations.map((mutation, index) => ({
        mutationId: mutation.mutationId,
        // The store returns one seq per mutation; checkResponse would catch a gap as a 500.
        seq: seqs[index] as number,
      })),
    });
  });

  app.get('/v1/spaces/:spaceId/pull', async (request) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    await authenticateDevice(request, store, clock, spaceId);
    const { after, limit } = parseRequest(pullQuery, request.query, 'query');
    const page = await store.pull(spaceId, { after, limit, maxBytes: limits.pullMaxBytes });
    return checkPullPage({
      entries: page.entries,
      cursor: page.entries.at(-1)?.seq ?? after,
      more: page.more,
      ...(!page.more && { head: page.head }),
    });
  });
}
