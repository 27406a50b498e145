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
  owner: actionOwner,
  due: isoDate,
  status: actionStatus,
  /** The session in which it was closed (done or dropped). */
  closedInSessionId: z.nullable(recordId),
  createdAt: z.number(),
});
export type ActionItem = z.infer<typeof actionItem>;
