import * as z from 'zod/mini';
import { t } from '../i18n';
import { arcPhase } from './arc';
import { isoDate, longText, recordId, role, shortText, syncedFields } from './common';

export const mentoringModels = ['one-to-one', 'group', 'peer', 'reverse'] as const;
export const mentoringModel = z.enum(mentoringModels);
export type MentoringModel = z.infer<typeof mentoringModel>;

export const member = z.object({
  id: recordId,
  name: z.string().check(z.minLength(1, { error: () => t('schema.memberName') }), z.maxLength(200)),
  email: z.union([z.literal(''), z.email({ error: () => t('schema.email') })]),
  role,
});
export type Member = z.infer<typeof member>;

export const agreement = z.object({
  rhythm: longText,
  confidentiality: longText,
  scope: longText,
  /** The relationship's arc (utils/mentoring/arc.ts): when it starts, reviews and ends. */
  startDate: z.optional(isoDate),
  midpointDate: z.optional(isoDate),
  endDate: z.optional(isoDate),
});
export type Agreement = z.infer<typeof agreement>;

/** What the user linked to this pair before: used to recognise a meeting (context issue). */
export const matchRules = z.object({
  meetingCodes: z.array(shortText),
  eventIds: z.array(shortText),
  urls: z.array(shortText),
  keywords: z.array(shortText),
});

export const pair = z.object({
  ...syncedFields,
  title: z.string().check(z.minLength(1, { error: () => t('schema.pairTitle') }), z.maxLength(200)),
  model: mentoringModel,
  members: z.array(member).check(z.maxLength(100)),
  myRole: role,
  /** Which member this browser's user is (local like myRole; utils/mentoring/my-member.ts). */
  myMemberId: z.optional(recordId),
  /** Days between sessions: 7 weekly, 14 every two weeks, 28 monthly… */
  cadenceDays: z.number().check(z.int(), z.gte(1), z.lte(365)),
  agreement,
  matchRules,
  archived: z.boolean(),
  /** Where the pair is in its arc; unset: derived (utils/mentoring/arc.ts currentPhase). */
  phase: z.optional(arcPhase),
  createdAt: z.number(),
});
export type Pair = z.infer<typeof pair>;
