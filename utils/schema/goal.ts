import * as z from 'zod/mini';
import { t } from '../i18n';
import { isoDate, longText, order, recordId, syncedFields } from './common';
import { mentorRoleList } from './mentor-role';

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
  /** The members whose goal it is (utils/mentoring/goal-owners.ts); absent: the model's default. */
  ownerIds: z.optional(z.array(recordId).check(z.maxLength(100))),
  roleNeeds: z.optional(mentorRoleList),
  /** What was achieved, written at the mid-point or closing (the progress record). */
  outcome: z.optional(longText),
});
export type Goal = z.infer<typeof goal>;
