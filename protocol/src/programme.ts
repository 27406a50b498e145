import * as z from 'zod/mini';

/**
 * Mentoring programmes (version 1), declared once for both sides: a coordinator defines a
 * programme on a sidecar, pairs enrol with a code and send signed monthly reports of counts.
 *
 * What crosses the wire from a pair is counts and scores only: no text, name, email, title or
 * date of a single session. A report is signed (ECDSA P-256, SHA-256, the signature in WebCrypto's
 * raw r‖s form) with a key the pair made when it enrolled; the server knows that key by its hash
 * (`enrolmentId`), never the pair's sync space, device or members.
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

export const createProgrammeResponse = z.strictObject({
  programme: programmeDefinition,
  /** The code pairs paste in Tandem's options page (see encodeEnrolmentCode). */
  enrolmentCode: z.string(),
});
export const programmesResponse = z.strictObject({
  programmes: z.array(programmeDefinition),
});
export const programmeResponse = z.strictObject({ programme: programmeDefinition });

export const enrolRequest = z.strictObject({
  secret: enrolmentSecret,
  publicKey: reportPublicKey,
});
export const enrolResponse = z.strictObject({ enrolmentId });

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

export const signedReport = z.strictObject({
  enrolmentId,
  report: programmeReport,
  /** Over utf8(canonicalJson(report)). */
  signature: reportSignature,
});
export type SignedReport = z.infer<typeof signedReport>;
export const reportReceipt = z.strictObject({
  period: programmeMonth,
  receivedAt: z.int(),
});

/** Leaving: signed over utf8(canonicalJson(withdrawalMessage(programmeId, enrolmentId))). */
export const withdrawRequest = z.strictObject({ signature: reportSignature });
export function withdrawalMessage(programme: string, enrolment: string) {
  return { action: 'withdraw', enrolmentId: enrolment, programmeId: programme };
}

/**
 * JSON with object keys sorted at every level and no whitespace: what a signature covers, so
 * both sides sign and verify the same bytes whatever order a parser kept.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A figure on the dashboard: a number, or null for "too few pairs to show". */
const figure = z.nullable(z.number());
export const programmeSummary = z.strictObject({
  programme: z.strictObject({
    id: programmeId,
    name: z.string(),
    startsOn: programmeDay,
    endsOn: programmeDay,
    minGroupSize: z.int(),
    milestones: z.array(programmeMilestone),
  }),
  /** The months asked for (inclusive); every figure below counts only reports in them. */
  from: programmeMonth,
  to: programmeMonth,
  /** Pairs enrolled and not withdrawn (null when fewer than the minimum). */
  enrolled: figure,
  /** Pairs that reported in the months asked for. */
  active: figure,
  /** One row per month that has reports; a month's figures are null when too few pairs sent one. */
  months: z.array(
    z.strictObject({
      period: programmeMonth,
      sessions: figure,
      /** Share (0–1) of the month's reporting pairs that kept their rhythm. */
      rhythmKept: figure,
    }),
  ),
  /** From each pair's latest report in the range: share (0–1) that reached each milestone. */
  milestones: z.record(z.string(), figure),
  goals: z.strictObject({ active: figure, achieved: figure, paused: figure, dropped: figure }),
  actionItems: z.strictObject({ done: figure, open: figure }),
  /** How many answers gave 1..5, over the range. */
  usefulness: z.tuple([figure, figure, figure, figure, figure]),
  rolesUsed: z.strictObject({
    advisor: figure,
    challenger: figure,
    connector: figure,
    supporter: figure,
  }),
});
export type ProgrammeSummary = z.infer<typeof programmeSummary>;

/** The text a pair pastes: `tandem-programme:` then base64url JSON of where and which. */
const CODE_PREFIX = 'tandem-programme:';
const codeBody = z.strictObject({
  /** The sidecar's origin (https, or http on a loopback address). */
  s: z.string().check(z.maxLength(200)),
  p: programmeId,
  c: enrolmentSecret,
});
export interface EnrolmentCode {
  sidecar: string;
  programmeId: string;
  secret: string;
}

function toBase64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
function fromBase64url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeEnrolmentCode(code: EnrolmentCode): string {
  return `${CODE_PREFIX}${toBase64url(JSON.stringify({ s: code.sidecar, p: code.programmeId, c: code.secret }))}`;
}

/** The code's parts, or null when the text is not an enrolment code (whitespace is ignored). */
export function decodeEnrolmentCode(text: string): EnrolmentCode | null {
  const trimmed = text.replace(/\s+/g, '');
  if (!trimmed.startsWith(CODE_PREFIX) || trimmed.length > 600) return null;
  try {
    const parsed = codeBody.safeParse(JSON.parse(fromBase64url(trimmed.slice(CODE_PREFIX.length))));
    if (!parsed.success) return null;
    const url = new URL(parsed.data.s);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
    if (url.origin !== parsed.data.s) return null;
    return { sidecar: url.origin, programmeId: parsed.data.p, secret: parsed.data.c };
  } catch {
    return null;
  }
}
