import {
  enrolmentId,
  reportPublicKey,
  reportSignature,
  signedReport,
} from '@tandem/protocol/programme';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../../utils/programme/report';
import {
  enrolmentIdOf,
  generateReportKeys,
  importPrivateKey,
  publicKeyRaw,
  reportNonce,
  signReport,
  signWithdrawal,
  verifyReport,
  verifyWithdrawal,
} from '../../../utils/programme/sign';
import { toBase64url } from '../../../utils/sync/crypto';
import { PROGRAMME, pairRecords } from './fixtures';

async function enrolledKeys() {
  const keys = await generateReportKeys();
  const raw = await publicKeyRaw(keys.publicKey);
  return {
    keys,
    raw,
    id: await enrolmentIdOf(raw),
    privateKey: await importPrivateKey(keys.privateKey),
  };
}

describe('signing programme reports', () => {
  it('makes keys whose raw form and hash fit the protocol', async () => {
    const { raw, id } = await enrolledKeys();
    expect(reportPublicKey.safeParse(raw).success).toBe(true);
    expect(enrolmentId.safeParse(id).success).toBe(true);
    const digest = await crypto.subtle.digest(
      'SHA-256',
      Uint8Array.from(atob(raw.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)),
    );
    expect(id).toBe(toBase64url(new Uint8Array(digest)));
  });

  it('signs a report that verifies with the public key and fits the protocol', async () => {
    const { raw, id, privateKey } = await enrolledKeys();
    const signed = await signReport(
      privateKey,
      id,
      computeReport(pairRecords(), '2026-11', reportNonce()),
    );
    expect(signedReport.safeParse(signed).success).toBe(true);
    expect(reportSignature.safeParse(signed.signature).success).toBe(true);
    expect(await verifyReport(raw, signed)).toBe(true);
  });

  it('a signature made by the other member’s browser from the shared JWK verifies too', async () => {
    const { keys, raw, id } = await enrolledKeys();
    const copied = JSON.parse(JSON.stringify(keys.privateKey)) as JsonWebKey;
    const signed = await signReport(
      await importPrivateKey(copied),
      id,
      computeReport(pairRecords(), '2026-11', reportNonce()),
    );
    expect(await verifyReport(raw, signed)).toBe(true);
  });

  it('refuses a changed count, another key, or a mangled signature', async () => {
    const { raw, id, privateKey } = await enrolledKeys();
    const other = await enrolledKeys();
    const signed = await signReport(
      privateKey,
      id,
      computeReport(pairRecords(), '2026-11', reportNonce()),
    );
    const changed = { ...signed, report: { ...signed.report, sessionsHeld: 9 } };
    expect(await verifyReport(raw, changed)).toBe(false);
    expect(await verifyReport(other.raw, signed)).toBe(false);
    expect(await verifyReport(raw, { ...signed, signature: 'A'.repeat(86) })).toBe(false);
    expect(await verifyReport('not-a-key', signed)).toBe(false);
  });

  it('covers the canonical JSON, whatever order the keys arrive in', async () => {
    const { raw, id, privateKey } = await enrolledKeys();
    const signed = await signReport(
      privateKey,
      id,
      computeReport(pairRecords(), '2026-11', reportNonce()),
    );
    const reordered = Object.fromEntries(
      Object.entries(signed.report).reverse(),
    ) as typeof signed.report;
    expect(await verifyReport(raw, { ...signed, report: reordered })).toBe(true);
  });

  it('signs a withdrawal for one programme and enrolment only', async () => {
    const { raw, id, privateKey } = await enrolledKeys();
    const signature = await signWithdrawal(privateKey, PROGRAMME.id, id);
    expect(await verifyWithdrawal(raw, PROGRAMME.id, id, signature)).toBe(true);
    expect(await verifyWithdrawal(raw, 'BBBBBBBBBBBBBBBBBBBBBB', id, signature)).toBe(false);
  });

  it('makes a fresh 22-character nonce each time', () => {
    const a = reportNonce();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(reportNonce()).not.toBe(a);
  });
});
