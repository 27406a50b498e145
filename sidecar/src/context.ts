import { MAX_BODY_BYTES } from '@tandem/protocol';
import type { Clock } from './clock';
import type { EventStreams } from './event-streams';
import type { RateLimit } from './rate-limit';
import type { SpaceQuota, Store } from './store/types';

export interface Limits {
  /** Largest request body in bytes; larger is a 413. */
  bodyLimit: number;
  /** Requests per client address (IPv6: per /64). */
  rateLimit: RateLimit;
  /** Requests per device token, on top of the address's limit. */
  deviceRateLimit: RateLimit;
  /** Spaces a client address may create per hour. */
  createPerHour: number;
  /** What one space's log may hold. */
  spaceQuota: SpaceQuota;
  /** Unused, unexpired invites one space may have. */
  maxInvitesPerSpace: number;
  /** Active (not removed) devices one space may have. */
  maxDevicesPerSpace: number;
  /** Open event streams per device (a new one ends the device's oldest) and per space (429). */
  maxStreamsPerDevice: number;
  maxStreamsPerSpace: number;
  /** Open TCP connections in all and per client address (trusted proxies: only the total). */
  connections: { total: number; perAddress: number };
  /** Node's HTTP timeouts: whole request, its headers, and an idle keep-alive connection. */
  timeouts: { requestMs: number; headersMs: number; keepAliveMs: number };
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
  deviceRateLimit: { burst: 300, perSecond: 5 },
  createPerHour: 20,
  // Five years of weekly notes and goals are about 10 MB: ten times that, and room for edits.
  spaceQuota: { maxBytes: 100 * 1024 * 1024, maxRecords: 200_000 },
  maxInvitesPerSpace: 20,
  maxDevicesPerSpace: 20,
  maxStreamsPerDevice: 4,
  maxStreamsPerSpace: 20,
  connections: { total: 1000, perAddress: 32 },
  timeouts: { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 10_000 },
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
  /** SIDECAR_CREATE_TOKEN: when set, creating a space needs it; unset, creation is open. */
  createToken?: string | undefined;
  /** SIDECAR_OPERATOR_TOKEN: a programme coordinator's token; unset, programmes are off. */
  operatorToken?: string | undefined;
  /** Where pairs reach this sidecar (SIDECAR_PUBLIC_ORIGIN): put in enrolment codes. */
  publicOrigin?: string | undefined;
}
