import { MAX_BODY_BYTES } from '../../utils/sync/protocol';
import type { Clock } from './clock';
import type { EventStreams } from './event-streams';
import type { RateLimit } from './rate-limit';
import type { Store } from './store/types';

export interface Limits {
  /** Largest request body in bytes; larger is a 413. */
  bodyLimit: number;
  rateLimit: RateLimit;
  /** How long an invite token can be used. */
  inviteTtlMs: number;
  /** How often an open event stream gets a comment line, so proxies do not time it out. */
  heartbeatMs: number;
  /** Ciphertext characters per pull page, at most (a page always holds at least one entry). */
  pullMaxBytes: number;
}

export const defaultLimits: Limits = {
  bodyLimit: MAX_BODY_BYTES,
  rateLimit: { burst: 300, perSecond: 5 },
  inviteTtlMs: 24 * 60 * 60 * 1000,
  heartbeatMs: 25_000,
  pullMaxBytes: 4 * 1024 * 1024,
};

/** What every route needs, handed to each route module by buildApp. */
export interface RouteContext {
  store: Store;
  clock: Clock;
  limits: Limits;
  streams: EventStreams;
}
