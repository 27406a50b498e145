import {
  enrolmentId,
  enrolmentSecret,
  programmeDefinition,
  programmeId,
  programmeMonth,
  programmeReport,
} from '@tandem/protocol/programme-records';
import * as z from 'zod/mini';
import { recordId, syncedFields } from './common';

/*
 * A pair's part in a mentoring programme (docs/programmes.md): the enrolment, each member's
 * consent, and the receipts of what was sent. All three are shared records, synced end to end
 * encrypted like the pair's others; none of them is text a programme receives.
 */

const base64url = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]*$/));

/** A P-256 public key as a JSON Web Key (unknown members such as key_ops are dropped). */
const publicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url(43),
  y: base64url(43),
});
const privateJwk = z.object({ ...publicJwk.shape, d: base64url(43) });

/** The report-signing key pair: in the shared record so either member can send or leave. */
export const reportKeys = z.object({ publicKey: publicJwk, privateKey: privateJwk });

/** The sidecar's origin: https, or http on a loopback address (decodeEnrolmentCode checks). */
export const sidecarOrigin = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * One pair's enrolment in one programme (id `${pairId}:${programmeId}`). Proposed by one member;
 * registered with the sidecar (`enrolmentId`) only once every member agreed. `leftAt` once set
 * stays set (utils/sync/merge.ts WRITE_ONCE_FIELDS): leaving is final and stops all reporting.
 */
export const programmeEnrolment = z.object({
  ...syncedFields,
  pairId: recordId,
  programmeId,
  sidecar: sidecarOrigin,
  /** The programme as it was when the pair joined: milestones, templates, prompts. */
  programme: programmeDefinition,
  secret: enrolmentSecret,
  /** The member who proposed joining, and when (epoch ms). */
  proposedBy: recordId,
  proposedAt: z.number(),
  keys: reportKeys,
  /** The server's name for the pair (base64url SHA-256 of the public key), once registered. */
  enrolmentId: z.optional(z.nullable(enrolmentId)),
  leftAt: z.optional(z.nullable(z.number())),
  leftBy: z.optional(z.nullable(recordId)),
  /** When the sidecar confirmed the withdrawal; until then a browser retries it. */
  withdrawnAt: z.optional(z.nullable(z.number())),
});
export type ProgrammeEnrolment = z.infer<typeof programmeEnrolment>;

export function enrolmentRecordId(pairId: string, programme: string): string {
  return `${pairId}:${programme}`;
}

/**
 * One member's consent to an enrolment (id `${enrolmentRecordId}:${memberId}`), written only by
 * that member in their own browser. Nothing is sent until every member agreed.
 */
export const programmeConsent = z.object({
  ...syncedFields,
  pairId: recordId,
  enrolmentRecordId: recordId,
  memberId: recordId,
  agreedAt: z.optional(z.nullable(z.number())),
  /** Declined or withdrew consent (leaving). */
  withdrawnAt: z.optional(z.nullable(z.number())),
});
export type ProgrammeConsent = z.infer<typeof programmeConsent>;

export function consentId(enrolment: string, memberId: string): string {
  return `${enrolment}:${memberId}`;
}

/**
 * What was sent for one month (id `${enrolmentRecordId}:${period}`), written once: the report's
 * exact counts and when. `alreadySent`: the sidecar had this month already, from the other
 * member's browser.
 */
export const programmeReceipt = z.object({
  ...syncedFields,
  pairId: recordId,
  enrolmentRecordId: recordId,
  period: programmeMonth,
  report: programmeReport,
  sentAt: z.number(),
  receivedAt: z.optional(z.nullable(z.number())),
  alreadySent: z.optional(z.boolean()),
});
export type ProgrammeReceipt = z.infer<typeof programmeReceipt>;

export function receiptId(enrolment: string, period: string): string {
  return `${enrolment}:${period}`;
}
