import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * HTTP from a chosen loopback address: 127.0.0.0/8 is all this machine, so binding the client
 * socket to 127.0.0.2, 127.0.0.3… gives the tests several clients without leaving it.
 */

export interface Answer {
  /** 0 when the connection failed or was cut without an answer. */
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Client {
  address: string;
  send(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
  close(): void;
}

/** Keep-alive connections from `address`, at most `maxSockets` at once (further requests queue). */
export function clientFrom(base: string, address: string, maxSockets = 4): Client {
  const agent = new Agent({ keepAlive: true, maxSockets, localAddress: address });
  const { hostname, port } = new URL(base);
  return {
    address,
    send(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      if (payload !== undefined) headers['content-type'] = 'application/json';
      return new Promise((resolve) => {
        const outgoing = request(
          { host: hostname, port, method, path, headers, agent, localAddress: address },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: text ? JSON.parse(text) : undefined,
              });
            });
            response.on('error', () => resolve({ status: 0, headers: {}, body: undefined }));
          },
        );
        outgoing.on('error', () => resolve({ status: 0, headers: {}, body: undefined }));
        outgoing.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

export interface RawSocket {
  socket: Socket;
  /** Everything the server wrote. */
  received(): string;
  closed: Promise<void>;
}

/** A bare TCP connection from `address`, for holding sockets open and for slow clients. */
export function rawSocket(base: string, address: string): Promise<RawSocket> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ host: hostname, port: Number(port), localAddress: address });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

export interface StreamFrom {
  status: number;
  body: unknown;
  /** The event-stream text received so far. */
  text(): string;
  ended: Promise<void>;
  close(): void;
}

/** Opens GET …/events from `address`; a refused stream resolves with its status and JSON body. */
export function eventStreamFrom(
  base: string,
  address: string,
  path: string,
  token: string,
): Promise<StreamFrom> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: hostname,
        port,
        path,
        localAddress: address,
        agent: false,
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      },
      (response) => {
        let text = '';
        const ended = new Promise<void>((done) => {
          response.once('close', () => done());
          response.once('end', () => done());
        });
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        response.on('error', () => {});
        const stream: StreamFrom = {
          status: response.statusCode ?? 0,
          body: undefined,
          text: () => text,
          ended,
          close: () => outgoing.destroy(),
        };
        if (stream.status !== 200) {
          ended.then(() => resolve({ ...stream, body: text ? JSON.parse(text) : undefined }));
        } else {
          resolve(stream);
        }
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Polls `check` until it holds (no fixed sleeps in the tests), failing after `timeoutMs`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
