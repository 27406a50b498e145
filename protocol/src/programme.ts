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

export * from './programme-records';

import {
  enrolmentId,
  enrolmentSecret,
  programmeDay,
  programmeDefinition,
  programmeId,
  programmeMilestone,
  programmeMonth,
  programmeReport,
  reportPublicKey,
  reportSignature,
} from './programme-records';

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

function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
    c.charCodeAt(0),
  );
}
const toBase64url = (text: string) => bytesToBase64url(new TextEncoder().encode(text));
const fromBase64url = (text: string) => new TextDecoder().decode(base64urlToBytes(text));

const REPORT_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A pair's report key from its raw form, or undefined when it is not a P-256 point. */
export async function importReportKey(rawPublicKey: string): Promise<CryptoKey | undefined> {
  try {
    return await crypto.subtle.importKey('raw', base64urlToBytes(rawPublicKey), REPORT_KEY, false, [
      'verify',
    ]);
  } catch {
    return undefined;
  }
}

/**
 * Whether `signature` is the report key's ECDSA P-256 / SHA-256 signature over
 * utf8(canonicalJson(message)): how the sidecar checks a report or a withdrawal, and the
 * extension its own. A key or signature that is not even well formed verifies nothing.
 */
export async function verifyProgrammeSignature(
  rawPublicKey: string,
  message: unknown,
  signature: string,
): Promise<boolean> {
  const key = await importReportKey(rawPublicKey);
  if (!key) return false;
  try {
    return await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      base64urlToBytes(signature),
      new TextEncoder().encode(canonicalJson(message)),
    );
  } catch {
    return false;
  }
}

/** A pair's enrolment id: base64url(SHA-256(raw public key)). Nothing else names the pair. */
export async function enrolmentIdOfKey(rawPublicKey: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', base64urlToBytes(rawPublicKey));
  return bytesToBase64url(new Uint8Array(digest));
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
