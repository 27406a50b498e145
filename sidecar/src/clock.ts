/** Where the sidecar gets "now": injected so tests can expire invites without waiting a day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
