import { healthResponse } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context';
import { checkResponse } from '../validate';

/** GET /v1/health: for load balancers and the extension's "is this a Tandem sidecar?" check. */
export function registerHealthRoute(app: FastifyInstance, context: RouteContext): void {
  app.get('/v1/health', async () =>
    checkResponse(healthResponse, { ok: true, store: context.store.kind }),
  );
}
