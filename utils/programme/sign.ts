/*
 * Signing a programme's reports and withdrawals (protocol/src/programme.ts): ECDSA P-256 with
 * SHA-256 over utf8(canonicalJson(message)), the signature in WebCrypto's raw r‖s form. The key
 * pair is made when a pair enrols and travels to the other member inside the enrolment record,
 * which sync encrypts end to end (docs/programmes.md says why). WebCrypto only: this runs in the
 * extension and in Node (the demo script signs its synthetic pairs' reports with it).
 */
import {
  canonicalJson,
  enrolmentIdOfKey,
  type ProgrammeReport,
  type SignedReport,
  verifyProgrammeSignature,
  withdrawalMessage,
} from '@tandem/protocol/programme';
import { toBase64url } from '../sync/crypto';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A report-signing key pair as JSON Web Keys: what the shared enrolment record stores. */
export interface ReportKeys {
  publicKey: JsonWebKey;
  privateKey: JsonWebKey;
}

export async function generateReportKeys(): Promise<ReportKeys> {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  return {
    publicKey: await crypto.subtle.exportKey('jwk', keys.publicKey),
    privateKey: await crypto.subtle.exportKey('jwk', keys.privateKey),
  };
}

export function importPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, ALGORITHM, false, ['sign']);
}

/** The public key as the server knows it: the raw uncompressed point (65 bytes), base64url. */
export async function publicKeyRaw(jwk: JsonWebKey): Promise<string> {
  const key = await crypto.subtle.importKey('jwk', jwk, ALGORITHM, true, ['verify']);
  return toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/** The pair's enrolment id: the protocol's, so the sidecar and the pair compute it alike. */
export const enrolmentIdOf = enrolmentIdOfKey;

async function sign(privateKey: CryptoKey, message: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(message));
  return toBase64url(new Uint8Array(await crypto.subtle.sign(SIGNING, privateKey, bytes)));
}

/** The report as sent: the counts, the pair's enrolment id and the signature over the counts. */
export async function signReport(
  privateKey: CryptoKey,
  enrolmentId: string,
  report: ProgrammeReport,
): Promise<SignedReport> {
  return { enrolmentId, report, signature: await sign(privateKey, report) };
}

export function verifyReport(rawPublicKey: string, signed: SignedReport): Promise<boolean> {
  // The protocol's check: the sidecar verifies with the same code.
  return verifyProgrammeSignature(rawPublicKey, signed.report, signed.signature);
}

export function signWithdrawal(
  privateKey: CryptoKey,
  programmeId: string,
  enrolmentId: string,
): Promise<string> {
  return sign(privateKey, withdrawalMessage(programmeId, enrolmentId));
}

export function verifyWithdrawal(
  rawPublicKey: string,
  programmeId: string,
  enrolmentId: string,
  signature: string,
): Promise<boolean> {
  // The protocol's check: the sidecar verifies with the same code.
  return verifyProgrammeSignature(
    rawPublicKey,
    withdrawalMessage(programmeId, enrolmentId),
    signature,
  );
}

/** 16 random bytes as base64url (22 characters): a report's nonce. */
export function reportNonce(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(16)));
}
