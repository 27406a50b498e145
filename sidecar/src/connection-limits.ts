import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './client-address';
import { errorBody } from './errors';

export interface ConnectionLimits {
  total: number;
  perAddress: number;
}

/**
 * Caps open TCP connections, in all and per client address (an IPv6 client by its /64), so
 * one address holding sockets open cannot starve the others: health checks and the pair keep
 * getting in. Sockets from trusted proxies count only towards the total, as every client behind
 * them shares their address. A refused socket gets a 429 in our JSON shape and is closed before
 * any request on it reaches a route.
 */
export function limitConnections(
  server: Server,
  limits: ConnectionLimits,
  isTrustedProxy: (address: string) => boolean,
): { readonly open: number } {
  const perAddress = new Map<string, number>();
  let open = 0;

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const key = clientKey(address);
    const fromAddress = perAddress.get(key) ?? 0;
    if (open >= limits.total) {
      return refuse(socket, 'The sidecar has too many open connections; try again shortly.');
    }
    if (fromAddress >= limits.perAddress && !isTrustedProxy(address)) {
      return refuse(socket, 'Too many open connections from this address.');
    }
    open += 1;
    perAddress.set(key, fromAddress + 1);
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left === 0) perAddress.delete(key);
      else perAddress.set(key, left);
    });
  });

  return {
    get open() {
      return open;
    },
  };
}

function refuse(socket: Socket, message: string): void {
  const body = JSON.stringify(errorBody('limit_reached', message));
  // Whatever the client sends on this socket must never become a request: stop reading it.
  socket.pause();
  socket.end(
    'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 1\r\n' +
      `Cache-Control: no-store\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.once('finish', () => socket.destroy());
  socket.on('error', () => {});
}
