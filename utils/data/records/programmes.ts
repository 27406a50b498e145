import type { ProgrammeDefinition, ProgrammeReport } from '@tandem/protocol/programme';
import { t } from '../../i18n';
import { generateReportKeys } from '../../programme/sign';
import {
  consentId,
  enrolmentRecordId,
  type ProgrammeConsent,
  type ProgrammeEnrolment,
  type ProgrammeReceipt,
  programmeConsent,
  programmeEnrolment,
  programmeReceipt,
  receiptId,
} from '../../schema/programme';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchInTx, putShared, sharedTx } from './write';

/*
 * A pair's part in a mentoring programme (docs/programmes.md): the enrolment one member
 * proposes, each member's own consent, and the receipt of each report sent.
 */

/**
 * Propose joining a programme: the enrolment with a fresh report-signing key pair, and the
 * proposer's own consent. Nothing is sent to the programme yet.
 */
export async function proposeEnrolment(
  store: Store,
  input: {
    pairId: string;
    memberId: string;
    sidecar: string;
    programme: ProgrammeDefinition;
    secret: string;
  },
): Promise<ProgrammeEnrolment> {
  // Made before the transaction: an IndexedDB transaction cannot wait on WebCrypto.
  const keys = await generateReportKeys();
  const id = enrolmentRecordId(input.pairId, input.programme.id);
  return sharedTx(store, ['programmeEnrolments', 'programmeConsents'], async () => {
    const existing = await store.db.programmeEnrolments.get(id);
    if (existing && !existing.deleted && !existing.leftAt) return existing;
    // Leaving is final for an enrolment (its key and `leftAt` are written once everywhere).
    if (existing?.leftAt) throw new Error(t('programme.errors.withdrawn'));
    const record = parseRecord(programmeEnrolment, {
      id,
      pairId: input.pairId,
      programmeId: input.programme.id,
      sidecar: input.sidecar,
      programme: input.programme,
      secret: input.secret,
      proposedBy: input.memberId,
      proposedAt: store.now(),
      keys,
      enrolmentId: null,
      leftAt: null,
      leftBy: null,
      ...stamp(store),
    }) as ProgrammeEnrolment;
    await putShared(store, 'programmeEnrolments', record, existing);
    await putConsent(store, record, input.memberId, { agreedAt: store.now() });
    return record;
  });
}

async function putConsent(
  store: Store,
  enrolment: ProgrammeEnrolment,
  memberId: string,
  changes: Pick<ProgrammeConsent, 'agreedAt' | 'withdrawnAt'>,
): Promise<void> {
  const id = consentId(enrolment.id, memberId);
  const previous = await store.db.programmeConsents.get(id);
  const record = parseRecord(programmeConsent, {
    id,
    pairId: enrolment.pairId,
    enrolmentRecordId: enrolment.id,
    memberId,
    ...previous,
    ...changes,
    ...stamp(store),
  }) as ProgrammeConsent;
  await putShared(store, 'programmeConsents', record, previous);
}

/** This member agrees to an enrolment another member proposed. */
export function agreeToEnrolment(store: Store, enrolmentId: string, memberId: string) {
  return sharedTx(store, ['programmeEnrolments', 'programmeConsents'], async () => {
    const enrolment = await store.db.programmeEnrolments.get(enrolmentId);
    if (!enrolment || enrolment.deleted || enrolment.leftAt) return;
    await putConsent(store, enrolment, memberId, { agreedAt: store.now() });
  });
}

/**
 * This member leaves (or declines): the enrolment is marked left — for good, and for every
 * member's browser — and this member's consent withdrawn. Reporting stops at once, here; the
 * withdrawal is sent to the sidecar separately and retried until it is confirmed.
 */
export function leaveEnrolment(store: Store, enrolmentId: string, memberId: string) {
  return sharedTx(store, ['programmeEnrolments', 'programmeConsents'], async () => {
    const enrolment = await store.db.programmeEnrolments.get(enrolmentId);
    if (!enrolment || enrolment.deleted) return;
    if (!enrolment.leftAt) {
      await patchInTx(store, 'programmeEnrolments', enrolmentId, {
        leftAt: store.now(),
        leftBy: memberId,
      });
    }
    await putConsent(store, enrolment, memberId, { withdrawnAt: store.now() });
  });
}

/** The sidecar registered the pair's key: its enrolment id. */
export function setEnrolmentRegistered(store: Store, id: string, enrolmentId: string) {
  return sharedTx(store, ['programmeEnrolments'], () =>
    patchInTx(store, 'programmeEnrolments', id, { enrolmentId }),
  );
}

/** The sidecar confirmed the withdrawal (or never had the pair): nothing left to retry. */
export function setWithdrawalConfirmed(store: Store, id: string) {
  return sharedTx(store, ['programmeEnrolments'], () =>
    patchInTx(store, 'programmeEnrolments', id, { withdrawnAt: store.now() }),
  );
}

/** Keep what was sent for a month; a receipt is written once (a second call returns the first). */
export function recordReceipt(
  store: Store,
  enrolment: Pick<ProgrammeEnrolment, 'id' | 'pairId'>,
  report: ProgrammeReport,
  outcome: { receivedAt?: number; alreadySent?: boolean },
): Promise<ProgrammeReceipt> {
  return sharedTx(store, ['programmeReceipts'], async () => {
    const id = receiptId(enrolment.id, report.period);
    const existing = await store.db.programmeReceipts.get(id);
    if (existing && !existing.deleted) return existing;
    const record = parseRecord(programmeReceipt, {
      id,
      pairId: enrolment.pairId,
      enrolmentRecordId: enrolment.id,
      period: report.period,
      report,
      sentAt: store.now(),
      receivedAt: outcome.receivedAt ?? null,
      ...(outcome.alreadySent ? { alreadySent: true } : {}),
      ...stamp(store),
    }) as ProgrammeReceipt;
    await putShared(store, 'programmeReceipts', record, existing);
    return record;
  });
}
