import * as z from 'zod/mini';
import { longText, recordId, syncedFields, visibility } from './common';

export const note = z.object({
  ...syncedFields,
  pairId: recordId,
  sessionId: recordId,
  body: longText,
  /** private: this browser only (a database of its own); shared: with the pair. */
  visibility,
  createdAt: z.number(),
});
export type Note = z.infer<typeof note>;
