import * as z from 'zod/mini';
import { longText, recordId, role, syncedFields, visibility } from './common';

/**
 * The relationship's arc (Clutterbuck's phases of a developmental relationship): getting to know
 * each other and agreeing how to work, setting direction, making progress, winding down, closing.
 */
export const arcPhases = ['agreement', 'direction', 'progress', 'winding-down', 'closing'] as const;
export const arcPhase = z.enum(arcPhases);
export type ArcPhase = z.infer<typeof arcPhase>;

/**
 * What one member learned from the relationship (two-way learning: the mentor's learning is a
 * record as much as the mentee's). Private by default, in the private database like a note;
 * `inRecord` is its author's tick "include in the progress record".
 */
export const learning = z.object({
  ...syncedFields,
  pairId: recordId,
  /** The session it was written after; empty when written outside one. */
  sessionId: z.string().check(z.maxLength(128)),
  authorRole: role,
  text: longText,
  visibility,
  inRecord: z.optional(z.boolean()),
  createdAt: z.number(),
});
export type Learning = z.infer<typeof learning>;

/**
 * The closing of a pair, one shared record per pair (id `<pairId>:closing`, so both members
 * write the same record and sync merges it field by field): what comes next, who else the mentee
 * could learn from, and the mentor's endorsement in the mentor's own words.
 */
export const closing = z.object({
  ...syncedFields,
  pairId: recordId,
  whatNext: longText,
  learnFrom: longText,
  endorsement: longText,
  /** Epoch ms of the closing session, when the pair closed. */
  closedAt: z.optional(z.number()),
});
export type Closing = z.infer<typeof closing>;

export function closingId(pairId: string): string {
  return `${pairId}:closing`;
}
