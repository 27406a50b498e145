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
  /** Epoch ms when it was marked held. */
  heldAt: z.optional(z.number()),
  /** Each goal's progress when the session was held: the pair's progress over time. */
  goalProgress: z.optional(z.record(recordId, z.number().check(z.int(), z.gte(0), z.lte(100)))),
});
export type Session = z.infer<typeof session>;
