import * as z from 'zod/mini';
import { localDateTime, recordId, shortText, syncedFields } from './common';

export const sessionStatus = z.enum(['planned', 'held']);
export type SessionStatus = z.infer<typeof sessionStatus>;

export const session = z.object({
  ...syncedFields,
  pairId: recordId,
  scheduledAt: localDateTime,
  calendarEventId: shortText,
  meetingUrl: shortText,
  status: sessionStatus,
  createdAt: z.number(),
});
export type Session = z.infer<typeof session>;
