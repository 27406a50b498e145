import * as z from 'zod/mini';
import { t } from '../i18n';
import { isoDate, recordId, shortText, syncedFields } from './common';

/** suggested → introduced → met, or declined (it did not happen, by either side's choice). */
export const introductionStatuses = ['suggested', 'introduced', 'met', 'declined'] as const;
export const introductionStatus = z.enum(introductionStatuses);
export type IntroductionStatus = z.infer<typeof introductionStatus>;

/** The Connector's record: a person the mentor will introduce the mentee to, and why. */
export const introduction = z.object({
  ...syncedFields,
  pairId: recordId,
  /** The session in which it was agreed. */
  sessionId: recordId,
  who: z
    .string()
    .check(z.minLength(1, { error: () => t('mentorRoles.intro.whoRequired') }), z.maxLength(200)),
  /** Their organisation or role, if given. */
  org: shortText,
  why: z.string().check(z.maxLength(2000)),
  status: introductionStatus,
  /** When to check on it (`YYYY-MM-DD`), or empty. */
  followUp: isoDate,
  /** The session in which it was closed (met or declined). */
  closedInSessionId: z.nullable(recordId),
  createdAt: z.number(),
});
export type Introduction = z.infer<typeof introduction>;
