import * as z from 'zod/mini';
import { longText, recordId, syncedFields, visibility } from './common';

export const reflection = z.object({
  ...syncedFields,
  pairId: recordId,
  sessionId: recordId,
  prompt: z.string().check(z.maxLength(1000)),
  answer: longText,
  visibility,
  createdAt: z.number(),
});
export type Reflection = z.infer<typeof reflection>;
