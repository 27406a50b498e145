import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { addressMatcher, LOOPBACK_PROXIES } from './client-address';
import { type Clock, systemClock } from './clock';
import { limitConnections } from './connection-limits';
import { defaultLimits, type Limits, type RouteContext } from './context';
import { DEFAULT_ALLOWED_ORIGINS, originMatcher, registerCors } from './cors';
import { registerDashboardRoutes } from './dashboard/routes';
import { errorBody, HttpError, sendError, toHttpError } from './errors';
import { EventStreams } from './event-streams';
import { registerRateLimit } from './rate-limit';
import { registerDeviceRoutes } from './routes/devices';
import { registerEpochRoutes } from './routes/epochs';
import { registerEventRoutes } from './routes/events';
import { registerHealthRoute } from './routes/health';
import { registerKeyRoutes } from './routes/keys';
import { registerLogRoutes } from './routes/log';
import { registerOwnerRoutes } from './routes/owners';
import { registerProgrammeRoutes } from './routes/programmes';
import { registerSpaceRoutes } from './routes/spaces';
import type { Store } from './store/types';

export interface AppOptions {
  store: Store;
  clock?: Clock;
  /** Fastify's pino logger options; false (the tests) for silence. */
  logger?: FastifyServerOptions['logger'];
  limits?: Partial<Limits>;
  /** Origin patterns allowed to call from a browser; `*` is one host label. */
  allowedOrigins?: string[];
  /**
   * The proxies' addresses/CIDRs, trusted for X-Forwarded-For so limits see client addresses;
   * `true` means loopback only, never "everyone" (a client could then pick its own address).
   */
  trustProxy?: boolean | string[];
  /** When set, creating a space needs it (Authorization: Bearer <token>); else creation is open. */
  createToken?: string | undefined;
  /** When set, a coordinator may create and read programmes with it (routes/programmes.ts). */
  operatorToken?: string | undefined;
  /** The origin pairs reach this sidecar at, for enrolment codes; default the request's. */
  publicOrigin?: string | undefined;
}

/**
 * The sidecar as a Fastify instance that has not listened yet: tests drive it with
 * app.inject(), main.ts listens. The store belongs to the caller, who closes it after the app.
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const limits: Limits = { ...defaultLimits, ...options.limits };
  const clock = options.clock ?? systemClock;
  const streams = new EventStreams();
  const proxies = options.trustProxy === true ? LOOPBACK_PROXIES : options.trustProxy || [];
  const { timeouts } = limits;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyLimit,
    trustProxy: proxies.length > 0 ? proxies : false,
    // Slow or idle clients let go: a request must arrive whole, and its headers sooner, and a
    // kept-alive connection may idle only briefly. Checked every second rather than Node's 30.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: 1000,
    },
    // Requests that arrive while closing are still served (with Connection: close): the store
    // stays open until the server has finished, so there is no reason to refuse them.
    return503OnClosing: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Bad URLs and over-long path params never reach the error handler; answer them here.
    frameworkErrors: (error, _request, reply) =>
      sendError(reply.header('cache-control', 'no-store'), toHttpError(error)),
    clientErrorHandler: answerMalformedHttp,
  });

  limitConnections(app.server, limits.connections, addressMatcher(proxies));
  acceptEmptyJsonBodies(app);
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (_request, reply) => {
    // Nothing the sidecar says may be cached by a browser or a proxy.
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });
  registerCors(app, originMatcher(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS));
  registerRateLimit(app, limits.rateLimit, limits.deviceRateLimit, clock);

  app.setErrorHandler((error, request, reply) => {
    const answer = toHttpError(error);
    if (answer.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, answer);
  });
  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, new HttpError(404, 'not_found', 'No such route.')),
  );
  // Preflights are answered by the CORS hook; any other OPTIONS is a route that does not exist.
  app.options('/*', (_request, reply) =>
    sendError(reply, new HttpError(404, 'not_found', 'No such route.')),
  );

  const context: RouteContext = {
    store: options.store,
    clock,
    limits,
    streams,
    createToken: options.createToken,
    operatorToken: options.operatorToken,
    publicOrigin: options.publicOrigin,
  };
  registerHealthRoute(app, context);
  registerSpaceRoutes(app, context);
  registerLogRoutes(app, context);
  registerEventRoutes(app, context);
  registerDeviceRoutes(app, context);
  registerOwnerRoutes(app, context);
  registerProgrammeRoutes(app, context);
  registerDashboardRoutes(app);
  registerKeyRoutes(app, context);
  registerEpochRoutes(app, context);

  // Open event streams never end on their own; end them first so close() can finish.
  app.addHook('preClose', async () => streams.endAll());
  return app;
}

/**
 * Invites and leave have no body, yet clients often send `content-type: application/json`
 * anyway; Fastify would call that a malformed body. An empty JSON body is read as "no body";
 * everything else goes to Fastify's own parser (which refuses __proto__ and constructor keys).
 */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    parseJson(request, text, done);
  });
}

/** Malformed HTTP (before Fastify sees a request) still gets our JSON error shape. */
function answerMalformedHttp(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  // Node reports a request or its headers outlasting their timeout here too.
  const late = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const body = JSON.stringify(
    errorBody(
      'bad_request',
      late ? 'The request took too long to arrive.' : 'The request is malformed.',
    ),
  );
  socket.end(
    `HTTP/1.1 ${late ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
