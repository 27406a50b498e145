// Hand-written rather than @fastify/cors, weighed for issue 14: that plugin answers an origin it
// does not allow by leaving the CORS headers off, and the request still runs (a POST from another
// extension would push, the browser merely hiding the answer); refusing it with a 403
// `origin_not_allowed` before any route (what http-errors.test.ts checks) would still take the
// hook below, so the plugin would add a dependency and keep most of this file (fifty lines).
import type { FastifyInstance } from 'fastify';
import { HttpError, sendError } from './errors';

/**
 * No browser origin unless the operator lists Tandem's: an extension's origin is its id, and
 * allowing `chrome-extension://*` would let every other installed extension use the sidecar.
 * Tandem's manifest has no `key`, so its Chrome id is the store's (and, unpacked, one derived
 * from the folder); Firefox gives each install a random `moz-extension://<uuid>`. docs/sidecar.md
 * says what to list. Requests without an Origin (curl, servers) are not browsers and pass.
 */
export const DEFAULT_ALLOWED_ORIGINS: string[] = [];

/**
 * Builds a matcher from origin patterns where `*` stands for one host label, e.g.
 * `chrome-extension://*` or `chrome-extension://abcdefghijklmnopabcdefghijklmnop`.
 */
export function originMatcher(patterns: string[]): (origin: string) => boolean {
  const expressions = patterns.map((pattern) => {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[A-Za-z0-9-]+');
    return new RegExp(`^${escaped}$`);
  });
  return (origin) => expressions.some((expression) => expression.test(origin));
}

/**
 * CORS handled here rather than by a plugin, because the rule is short and strict: requests
 * without an Origin (curl, other servers, the tests) pass; a browser request from an allowed
 * origin gets the CORS headers; one from any other origin is refused before it reaches a route,
 * preflight or not. Tokens travel in the Authorization header, never in cookies, so credentials
 * mode is not needed.
 */
export function registerCors(app: FastifyInstance, isAllowed: (origin: string) => boolean): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    reply.header('vary', 'Origin');
    // The sidecar's own pages (the programme dashboard) read from it: a same-origin GET is not
    // a cross-origin request (browsers send Origin with module scripts all the same).
    if (request.method === 'GET' && origin === `${request.protocol}://${request.host}`) return;
    if (!isAllowed(origin)) {
      return sendError(
        reply,
        new HttpError(403, 'origin_not_allowed', `The origin ${origin} may not use this sidecar.`),
      );
    }
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'retry-after');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
      reply.header(
        'access-control-allow-headers',
        'authorization, content-type, x-enrolment-secret',
      );
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
}
