// Hand-written rather than @fastify/rate-limit, weighed for issue 14: that plugin counts requests
// in a fixed window per key, while the limit here is a token bucket (a burst, then a steady rate,
// with a Retry-After the tests compute from that rate: http-errors.test.ts expects 2 s for 0.5 per
// second); it takes one key per registration where a request here is charged to its address and
// then to its device token; and it keeps its own time where this module takes the app's clock.
// Bending it to all that would be more code than the ninety lines below, plus a dependency.
import type { FastifyInstance } from 'fastify';
import { bearerToken } from './auth';
import { clientKey } from './client-address';
import type { Clock } from './clock';
import { HttpError, sendError } from './errors';
import { hashToken } from './tokens';

export interface RateLimit {
  /** Requests a client may make in a burst. */
  burst: number;
  /** Requests per second the bucket refills. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Past this many tracked clients, buckets that have refilled completely are forgotten. */
const SWEEP_ABOVE = 10_000;

/**
 * A token bucket per key, in memory. Each process limits on its own, which is what a stateless
 * fleet behind a load balancer wants: the limit protects this process's database connections.
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.clock.now().getTime();
    const bucket = this.#refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  #refilled(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= SWEEP_ABOVE) this.#sweep(now);
      const fresh = { tokens: this.limit.burst, updatedAt: now };
      this.#buckets.set(key, fresh);
      return fresh;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsed * this.limit.perSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const refill = ((now - bucket.updatedAt) / 1000) * this.limit.perSecond;
      if (bucket.tokens + refill >= this.limit.burst) this.#buckets.delete(key);
    }
  }
}

/**
 * Two buckets per request: the client's address (request.ip, which honours only the trusted
 * proxies; an IPv6 client by its /64), then the device token it carries. The address comes
 * first, so inventing tokens buys no fresh buckets; the token's bucket holds a device back that
 * spreads its requests over many addresses.
 */
export function registerRateLimit(
  app: FastifyInstance,
  limit: RateLimit,
  deviceLimit: RateLimit,
  clock: Clock,
): void {
  const addresses = new TokenBuckets(limit, clock);
  const devices = new TokenBuckets(deviceLimit, clock);
  app.addHook('onRequest', async (request, reply) => {
    let waitSeconds = addresses.take(clientKey(request.ip));
    const token = bearerToken(request.headers.authorization);
    if (waitSeconds === 0 && token) waitSeconds = devices.take(hashToken(token));
    if (waitSeconds === 0) return;
    reply.header('retry-after', String(waitSeconds));
    return sendError(reply, new HttpError(429, 'rate_limited', 'Too many requests; slow down.'));
  });
}
