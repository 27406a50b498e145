import { MAX_EPOCH, MAX_PAGE, serverId } from '@tandem/protocol';
import * as z from 'zod/mini';

/** Path and query shapes; the bodies are protocol.ts's own schemas. */
export const spacePath = z.object({ spaceId: serverId });
export const devicePath = z.object({ spaceId: serverId, deviceId: serverId });

export const DEFAULT_PAGE = 500;

/** Decimal digits only: no signs, exponents, spaces or "0x", and at most a safe integer. */
const decimal = z.string().check(z.regex(/^\d{1,15}$/));

/** GET …/pull?after=<seq>&limit=<n>: after defaults to 0, limit to 500, at most MAX_PAGE. */
export const pullQuery = z.pipe(
  z.pipe(
    z.object({ after: z.optional(decimal), limit: z.optional(decimal) }),
    z.transform((query) => ({
      after: query.after === undefined ? 0 : Number(query.after),
      limit: query.limit === undefined ? DEFAULT_PAGE : Number(query.limit),
    })),
  ),
  z.object({ after: z.number(), limit: z.number().check(z.gte(1), z.lte(MAX_PAGE)) }),
);

/** POST …/epochs/:epoch/keys: an epoch from 1 to MAX_EPOCH, in decimal digits. */
export const epochPath = z.pipe(
  z.pipe(
    z.object({ spaceId: serverId, epoch: decimal }),
    z.transform((path) => ({ spaceId: path.spaceId, epoch: Number(path.epoch) })),
  ),
  z.object({ spaceId: serverId, epoch: z.number().check(z.gte(1), z.lte(MAX_EPOCH)) }),
);

/** GET …/epoch-keys?after=<epoch>: after defaults to 0, at most MAX_EPOCH. */
export const epochKeysQuery = z.pipe(
  z.pipe(
    z.object({ after: z.optional(decimal) }),
    z.transform((query) => ({ after: query.after === undefined ? 0 : Number(query.after) })),
  ),
  z.object({ after: z.number().check(z.gte(0), z.lte(MAX_EPOCH)) }),
);
