import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How long a connection accepted before shutdown may take to send its first request. */
const FIRST_REQUEST_GRACE_MS = 1000;

interface Connection {
  inFlight: number;
  served: number;
}

/**
 * Lets a shutting-down server end its keep-alive connections as soon as they have no request
 * in flight. Node's server.close() only reaps connections idle at that instant: a connection
 * whose request finishes later, or one a client opened but has not used yet, would otherwise
 * keep close() waiting until the keep-alive timeout. A connection accepted but not yet used
 * gets a moment to send its request (it is likely on its way), then is ended too.
 */
export function trackConnections(server: Server): { drain(): void } {
  const connections = new Map<Socket, Connection>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    connections.set(socket, { inFlight: 0, served: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    const connection = connections.get(socket);
    if (!connection) return;
    connection.inFlight += 1;
    response.once('close', () => {
      connection.inFlight -= 1;
      connection.served += 1;
      if (draining && connection.inFlight === 0) socket.end();
    });
  });

  const endIdle = (onlyUsed: boolean) => {
    for (const [socket, connection] of connections) {
      if (connection.inFlight === 0 && (!onlyUsed || connection.served > 0)) socket.end();
    }
  };

  return {
    drain() {
      draining = true;
      endIdle(true);
      setTimeout(() => endIdle(false), FIRST_REQUEST_GRACE_MS).unref();
    },
  };
}
