import { logEvent } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import type { EventStream } from '../event-streams';
import { spacePath } from '../params';
import { checkResponse, parseRequest } from '../validate';

/**
 * GET /v1/spaces/:spaceId/events: server-sent events that poke open panels when the space's log
 * grows (`event: log`, `data: {"seq":n}`); the panel then pulls. Bearer-authenticated, so the
 * extension reads it with fetch streaming (EventSource cannot send headers).
 */
export function registerEventRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock, limits, streams } = context;

  app.get('/v1/spaces/:spaceId/events', async (request, reply) => {
    const { spaceId } = parseRequest(spacePath, request.params, 'path');
    const device = await authenticateDevice(request, store, clock, spaceId);

    // Caps, checked and taken in one synchronous stretch (up to streams.add below). A device
    // past its share loses its oldest stream, most likely a panel whose connection died
    // unnoticed, so a reconnecting panel is never locked out by its own ghost; a space past its
    // share is refused, so one member cannot push the other's streams out.
    streams.makeRoomFor(device.deviceId, limits.maxStreamsPerDevice);
    if (streams.countSpace(spaceId) >= limits.maxStreamsPerSpace) {
      reply.header('retry-after', '30');
      throw new HttpError(429, 'limit_reached', 'This space has too many open event streams.');
    }

    // From here on the response is ours to write; Fastify's hooks no longer see it, so the
    // headers set so far (CORS, no-store) are copied over by hand.
    reply.hijack();
    const response = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) response.setHeader(name, value);
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
      // When the server ends a stream (shutdown, revocation) the socket goes with it; a
      // keep-alive socket left idle after close() began would hold shutdown up.
      connection: 'close',
    });
    response.write(': connected\n\n');

    const sendLog = (seq: number) => {
      if (response.writableEnded) return;
      const data = JSON.stringify(checkResponse(logEvent, { seq }));
      response.write(`event: log\ndata: ${data}\n\n`);
    };

    // Heartbeats keep idle proxies from cutting the stream, and re-check the token so a device
    // revoked through another process stops hearing about the space within one period.
    const heartbeat = setInterval(async () => {
      try {
        const current = await store.findDeviceByTokenHash(device.tokenHash);
        if (!current || current.revokedAt) return stream.end();
        if (!response.writableEnded) response.write(': heartbeat\n\n');
      } catch (error) {
        request.log.warn({ err: error }, 'event stream heartbeat failed');
      }
    }, limits.heartbeatMs);

    const unsubscribe = store.subscribe(spaceId, sendLog);
    const stream: EventStream = {
      deviceId: device.deviceId,
      spaceId,
      end() {
        clearInterval(heartbeat);
        unsubscribe();
        streams.remove(stream);
        if (!response.writableEnded) response.end();
      },
    };
    streams.add(stream);
    response.on('close', () => stream.end());
    request.log.info({ spaceId, deviceId: device.deviceId }, 'event stream opened');

    // Subscribed first, then told where the log stands (0 when empty): a push that landed
    // between the client's last pull and this stream is announced rather than missed.
    try {
      sendLog(await store.lastSeq(spaceId));
    } catch (error) {
      request.log.warn({ err: error }, 'could not read the log head for a new event stream');
    }
  });
}
