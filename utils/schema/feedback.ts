import * as z from 'zod/mini';
import { recordId, role, syncedFields } from './common';

/**
 * Two-way feedback after a session: each side answers four questions, and neither can read the
 * other's answers until both have submitted (or a side opens its own by choice). The answers
 * travel sealed under a fresh key of their author's (commit, then reveal):
 * utils/mentoring/feedback-seal.ts seals and opens them, docs/sync-security.md says what this
 * protects against.
 */

/** The answers as the person gives them; only ever stored sealed or as a local draft. */
export const feedbackAnswers = z.object({
  helped: z.string().check(z.maxLength(5000)),
  change: z.string().check(z.maxLength(5000)),
  word: z.string().check(z.maxLength(60)),
  usefulness: z.number().check(z.int(), z.gte(1), z.lte(5)),
});
export type FeedbackAnswers = z.infer<typeof feedbackAnswers>;

/** Unpadded base64url of `min`…`max` characters. */
const base64url = (min: number, max: number) =>
  z.string().check(z.minLength(min), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]*$/));

/** AES-256-GCM ciphertext of the answers' JSON and its 96-bit IV. */
export const sealedAnswers = z.object({
  iv: base64url(16, 16),
  ct: base64url(22, 20_000),
});
export type SealedAnswers = z.infer<typeof sealedAnswers>;

/** A raw AES-256 key (32 bytes) as base64url. */
export const answerKey = base64url(43, 43);

/**
 * One side's submitted feedback on one session (id `${sessionId}:${side}`, so both devices of a
 * member write the same record). `sealed`, `commitment`, `submittedAt` and `revealedKey` are
 * written once (utils/sync/merge.ts WRITE_ONCE_FIELDS).
 */
export const feedback = z.object({
  ...syncedFields,
  pairId: recordId,
  sessionId: recordId,
  /** The author's role in the pair (pair.myRole on the author's device). */
  side: role,
  /** The member who answered, when the pair lists members. */
  memberId: z.optional(recordId),
  sealed: sealedAnswers,
  /** SHA-256 over key ‖ iv ‖ ct, base64url: binds the key to be revealed to this ciphertext. */
  commitment: base64url(43, 43),
  submittedAt: z.number(),
  /** The author's answer key, once both sides submitted (or the author opened by choice). */
  revealedKey: z.optional(z.nullable(answerKey)),
  /** The author opened their answers before the other side had submitted. */
  openedByChoice: z.optional(z.boolean()),
  /** The other side's commitment when this side revealed: their answers must still match it. */
  revealedAgainst: z.optional(z.nullable(base64url(43, 43))),
});
export type Feedback = z.infer<typeof feedback>;

/** A draft as the form holds it: any question may be unanswered yet (usefulness 0). */
export const feedbackDraft = z.object({
  helped: z.string().check(z.maxLength(5000)),
  change: z.string().check(z.maxLength(5000)),
  word: z.string().check(z.maxLength(60)),
  usefulness: z.number().check(z.int(), z.gte(0), z.lte(5)),
});
export type FeedbackDraft = z.infer<typeof feedbackDraft>;

/**
 * This browser's own side of a feedback record, never synced (a local table): the draft before
 * submitting and, after, the answer key — which leaves the browser only when revealed.
 */
export const feedbackKey = z.object({
  /** The feedback record's id. */
  id: recordId,
  pairId: recordId,
  sessionId: recordId,
  draft: z.optional(feedbackDraft),
  key: z.optional(answerKey),
});
export type FeedbackKey = z.infer<typeof feedbackKey>;
