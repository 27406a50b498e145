import * as z from 'zod/mini';
import { t } from '../i18n';
import { order, recordId, role, syncedFields } from './common';

export const agendaItem = z.object({
  ...syncedFields,
  pairId: recordId,
  sessionId: recordId,
  text: z
    .string()
    .check(z.minLength(1, { error: () => t('schema.agendaItemText') }), z.maxLength(1000)),
  addedBy: role,
  order,
  done: z.boolean(),
  /** The agenda item or action item this one was carried over from, if any. */
  carriedFrom: z.nullable(recordId),
  /** A mentor's suggestion the mentee has not taken in yet (the mentee drafts the agenda). */
  suggestion: z.optional(z.boolean()),
  /** The member who added it, when the browser knows (utils/mentoring/agenda-draft.ts). */
  authorId: z.optional(recordId),
});
export type AgendaItem = z.infer<typeof agendaItem>;
