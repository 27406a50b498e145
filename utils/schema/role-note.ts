import * as z from 'zod/mini';
import { recordId, role, shortText, syncedFields, visibility } from './common';
import { mentorRoleList } from './mentor-role';

/**
 * One side's note on a held session: which of the mentor's roles were used and which were
 * needed, and a short remark. One per session and author (the role of the person who wrote it
 * on their device); private (this browser only) unless the author shares it with the pair.
 */
export const roleNote = z.object({
  ...syncedFields,
  pairId: recordId,
  sessionId: recordId,
  author: role,
  used: mentorRoleList,
  needed: mentorRoleList,
  note: shortText,
  visibility,
  createdAt: z.number(),
});
export type RoleNote = z.infer<typeof roleNote>;
