import * as z from 'zod/mini';

/** Random, globally unique record id (crypto.randomUUID). */
export const recordId = z.string().check(z.minLength(1), z.maxLength(64));

/** A calendar date as the user picked it (`YYYY-MM-DD`), or empty when not set. */
export const isoDate = z.union([z.literal(''), z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))]);

/** A local date and time as a datetime-local input gives it (`YYYY-MM-DDTHH:mm`), or empty. */
export const localDateTime = z.union([
  z.literal(''),
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/)),
]);

export const shortText = z.string().check(z.maxLength(500));
export const longText = z.string().check(z.maxLength(200_000));

export const role = z.enum(['mentor', 'mentee']);
export type Role = z.infer<typeof role>;

export const visibility = z.enum(['private', 'shared']);
export type Visibility = z.infer<typeof visibility>;

/**
 * Fields every record carries so that sync can merge it later: updatedAt is a hybrid logical
 * clock stamp (utils/hlc.ts), deleted a tombstone, deviceId the device that last wrote it.
 */
export const syncedFields = {
  id: recordId,
  updatedAt: z.string().check(z.minLength(1), z.maxLength(100)),
  deleted: z.boolean(),
  deviceId: z.string().check(z.minLength(1), z.maxLength(64)),
};

export const order = z.number().check(z.refine(Number.isFinite, 'order must be a finite number'));
