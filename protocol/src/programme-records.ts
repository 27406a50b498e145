import * as z from 'zod/mini';

/**
 * The programme schemas a pair's records hold (the definition it enrolled in, the reports it
 * sent): apart from programme.ts's requests, responses and code so the side panel's first view,
 * which declares every record table, carries only these.
 */

export const PROGRAMME_VERSION = 1;

/** Random ids the server makes: 22 base64url characters = 128 bits. */
export const programmeId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
/** The programme's enrolment secret: 43 base64url characters = 256 bits. */
export const enrolmentSecret = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
/** base64url(SHA-256(raw public key)): 43 characters. */
export const enrolmentId = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
/** A raw uncompressed P-256 point (65 bytes), base64url: the pair's report-signing key. */
export const reportPublicKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/));
/** A P-256 ECDSA signature, raw r‖s (64 bytes), base64url. */
export const reportSignature = z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/));
/** A calendar day, YYYY-MM-DD. */
export const programmeDay = z
  .string()
  .check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));
/** A calendar month, YYYY-MM: the period a report covers. */
export const programmeMonth = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const milestoneKinds = ['agreement', 'midpoint', 'closing', 'custom'] as const;
export const programmeMilestone = z.strictObject({
  /** Stable within the programme: lowercase letters, digits and dashes. */
  id: z.string().check(z.regex(/^[a-z0-9-]{1,32}$/)),
  kind: z.enum(milestoneKinds),
  title: text(80),
  due: programmeDay,
});
export type ProgrammeMilestone = z.infer<typeof programmeMilestone>;

/** The arc's phases (the extension's utils/schema/arc.ts uses the same names). */
export const programmePhases = [
  'agreement',
  'direction',
  'progress',
  'winding-down',
  'closing',
] as const;
export const programmePrompt = z.strictObject({
  text: text(300),
  phase: z.optional(z.enum(programmePhases)),
});
export const sessionTemplate = z.strictObject({
  title: text(80),
  items: z.array(text(200)).check(z.minLength(1), z.maxLength(20)),
});

export const MIN_GROUP_SIZE_FLOOR = 3;
export const DEFAULT_MIN_GROUP_SIZE = 5;

/** What a coordinator sends to create a programme. */
export const programmeInput = z.strictObject({
  name: text(120),
  startsOn: programmeDay,
  endsOn: programmeDay,
  milestones: z.array(programmeMilestone).check(z.maxLength(12)),
  agreementTemplate: z.string().check(z.maxLength(4000)),
  prompts: z.array(programmePrompt).check(z.maxLength(50)),
  sessionTemplates: z.array(sessionTemplate).check(z.maxLength(10)),
  /** Asked after each session beside Tandem's own feedback questions. */
  feedbackQuestions: z.array(text(200)).check(z.maxLength(5)),
  /** No figure on the dashboard comes from fewer pairs than this (default 5, never below 3). */
  minGroupSize: z.optional(z.int().check(z.gte(MIN_GROUP_SIZE_FLOOR), z.lte(1000))),
});
export type ProgrammeInput = z.infer<typeof programmeInput>;

/** A programme as the server keeps it and shows it to enrolling pairs. */
export const programmeDefinition = z.strictObject({
  ...programmeInput.shape,
  id: programmeId,
  version: z.literal(PROGRAMME_VERSION),
  minGroupSize: z.int().check(z.gte(MIN_GROUP_SIZE_FLOOR), z.lte(1000)),
});
export type ProgrammeDefinition = z.infer<typeof programmeDefinition>;

const count = (max: number) => z.int().check(z.gte(0), z.lte(max));

/**
 * One pair's counts for one month. Nothing in it is text, and nothing identifies the pair or a
 * single session: the nonce only makes each report's signature unique.
 */
export const programmeReport = z.strictObject({
  v: z.literal(PROGRAMME_VERSION),
  programmeId,
  period: programmeMonth,
  nonce: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
  /** Sessions held in the month. */
  sessionsHeld: count(62),
  /** The pair met at least as often as its agreed rhythm asks, over the month. */
  rhythmKept: z.boolean(),
  /** The programme's milestones reached by the end of the month, by milestone id. */
  milestones: z.record(z.string().check(z.regex(/^[a-z0-9-]{1,32}$/)), z.boolean()),
  /** The pair's goals by status at the end of the month. */
  goals: z.strictObject({
    active: count(500),
    achieved: count(500),
    paused: count(500),
    dropped: count(500),
  }),
  /** Action items due or done in the month. */
  actionItems: z.strictObject({ done: count(10_000), open: count(10_000) }),
  /** How useful sessions in the month were: how many answers gave 1, 2, 3, 4 and 5. */
  usefulness: z.tuple([count(200), count(200), count(200), count(200), count(200)]),
  /** How often each mentor role was noted as used in the month's sessions. */
  rolesUsed: z.strictObject({
    advisor: count(200),
    challenger: count(200),
    connector: count(200),
    supporter: count(200),
  }),
});
export type ProgrammeReport = z.infer<typeof programmeReport>;
