import * as z from 'zod/mini';
import { t } from '../i18n';

// zod's messages, in the language of Tandem's other words: utils/schema/zod-messages.ts.

/**
 * A record id: random and globally unique (crypto.randomUUID), or composed of such ids
 * (a prompt state is `${pairId}:${promptId}`, a custom prompt id `custom-${uuid}`).
 */
export const recordId = z.string().check(z.minLength(1), z.maxLength(128));

/** Whether `YYYY-MM-DD` names a real day (not 2025-02-30 or 2025-13-01). */
export function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return false;
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return (
    parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d
  );
}

/** A calendar date as the user picked it (`YYYY-MM-DD`), or empty when not set. */
export const isoDate = z.union([
  z.literal(''),
  z
    .string()
    .check(
      z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('schema.dateFormat') }),
      z.refine(isRealDate, { error: () => t('schema.realDate') }),
    ),
]);

/** A local date and time as a datetime-local input gives it (`YYYY-MM-DDTHH:mm`), or empty. */
export const localDateTime = z.union([
  z.literal(''),
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/, {
      error: () => t('schema.dateTimeFormat'),
    }),
    z.refine((value) => isRealDate(value.slice(0, 10)), { error: () => t('schema.realDate') }),
  ),
]);

export const shortText = z.string().check(z.maxLength(500));
export const longText = z.string().check(z.maxLength(200_000));

export const role = z.enum(['mentor', 'mentee']);
export type Role = z.infer<typeof role>;

export const visibility = z.enum(['private', 'shared']);
export type Visibility = z.infer<typeof visibility>;

/**
 * Fields every record carries so that sync can merge it later: updatedAt is a hybrid logical
 * clock stamp (utils/data/hlc.ts), deleted a tombstone, deviceId the device that last wrote it.
 */
export const syncedFields = {
  id: recordId,
  updatedAt: z.string().check(z.minLength(1), z.maxLength(100)),
  deleted: z.boolean(),
  deviceId: z.string().check(z.minLength(1), z.maxLength(64)),
};

/** Position in a list; z.number() already refuses NaN and Infinity. */
export const order = z.number();
