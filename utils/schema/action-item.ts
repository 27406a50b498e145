import * as z from 'zod/mini';
import { t } from '../i18n';
import { isoDate, recordId, syncedFields } from './common';

export const actionOwners = ['mentor', 'mentee', 'both'] as const;
export const actionOwner = z.enum(actionOwners);
export type ActionOwner = z.infer<typeof actionOwner>;

export const actionStatuses = ['open', 'done', 'dropped'] as const;
export const actionStatus = z.enum(actionStatuses);
export type ActionStatus = z.infer<typeof actionStatus>;

export const actionItem = z.object({
  ...syncedFields,
  pairId: recordId,
  /** The session in which it was agreed. */
  sessionId: recordId,
  text: z
    .string()
    .check(z.minLength(1, { error: () => t('schema.actionItemText') }), z.maxLength(1000)),
  /** The role the owners add up to: what devices and files that know only roles read. */
  owner: actionOwner,
  /** The members who own it (utils/mentoring/owners.ts); absent on items written before owners were members. */
  ownerIds: z.optional(z.array(recordId).check(z.maxLength(100))),
  due: isoDate,
  status: actionStatus,
  /** The session in which it was closed (done or dropped). */
  closedInSessionId: z.nullable(recordId),
  createdAt: z.number(),
});
export type ActionItem = z.infer<typeof actionItem>;
