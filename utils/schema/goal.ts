import * as z from 'zod/mini';
import { t } from '../i18n';
import { isoDate, longText, order, recordId, syncedFields } from './common';

export const goalStatuses = ['active', 'achieved', 'paused', 'dropped'] as const;
export const goalStatus = z.enum(goalStatuses);
export type GoalStatus = z.infer<typeof goalStatus>;

export const goal = z.object({
  ...syncedFields,
  pairId: recordId,
  title: z.string().check(z.minLength(1, { error: () => t('schema.goalTitle') }), z.maxLength(300)),
  why: longText,
  measure: longText,
  targetDate: isoDate,
  status: goalStatus,
  /** Percent, 0–100. */
  progress: z.number().check(z.int(), z.gte(0), z.lte(100)),
  order,
  /** What was achieved, written at the mid-point or closing (the progress record). */
  outcome: z.optional(longText),
});
export type Goal = z.infer<typeof goal>;
