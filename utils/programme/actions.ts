/*
 * What a pair does with its programme, over the store and the sidecar: register once everyone
 * agreed, compute and send a month's report (and keep the receipt), leave. Leaving is written
 * here first, so reporting stops at once even when the sidecar cannot be reached; the signed
 * withdrawal is sent then, and again later until the sidecar confirms it.
 */
import type { ProgrammeReport } from '@tandem/protocol/programme';
import {
  leaveEnrolment,
  recordReceipt,
  setEnrolmentRegistered,
  setWithdrawalConfirmed,
} from '../data/records/programmes';
import type { Store } from '../data/records/store';
import { t } from '../i18n';
import { openAnswers } from '../mentoring/feedback-seal';
import type { Feedback, FeedbackKey } from '../schema/feedback';
import type { ProgrammeEnrolment, ProgrammeReceipt } from '../schema/programme';
import { type ProgrammeClient, ProgrammeRequestError, programmeClient } from './client';
import { computeReport } from './report';
import {
  enrolmentIdOf,
  importPrivateKey,
  publicKeyRaw,
  reportNonce,
  signReport,
  signWithdrawal,
} from './sign';
import { enrolmentStatus } from './status';

export type ClientFor = (sidecar: string) => ProgrammeClient;
const defaultClient: ClientFor = (sidecar) => programmeClient(sidecar);

async function current(store: Store, id: string): Promise<ProgrammeEnrolment> {
  const enrolment = await store.db.programmeEnrolments.get(id);
  if (!enrolment || enrolment.deleted) throw new Error(t('records.gone.programmeEnrolments'));
  return enrolment;
}

/** Register the pair with the sidecar once every member agreed; a no-op before, or when done. */
export async function registerIfReady(
  store: Store,
  id: string,
  clientFor: ClientFor = defaultClient,
): Promise<ProgrammeEnrolment> {
  const enrolment = await current(store, id);
  const pair = await store.db.pairs.get(enrolment.pairId);
  const consents = await store.db.programmeConsents
    .where('pairId')
    .equals(enrolment.pairId)
    .toArray();
  const status = enrolmentStatus(enrolment, consents, pair?.members.map((m) => m.id) ?? []);
  if (status.kind !== 'agreed') return enrolment;
  const publicKey = await publicKeyRaw(enrolment.keys.publicKey);
  const expected = await enrolmentIdOf(publicKey);
  const enrolmentId = await clientFor(enrolment.sidecar).enrol(
    enrolment.programmeId,
    enrolment.secret,
    publicKey,
  );
  // A dishonest sidecar could answer with another pair's id: ours is the hash of our key.
  if (enrolmentId !== expected) {
    throw new ProgrammeRequestError(t('programme.errors.badResponse'), 'bad_response');
  }
  return setEnrolmentRegistered(store, id, enrolmentId);
}

/** The month's report from this browser's records: exactly what Send would send. */
export async function previewReport(
  store: Store,
  enrolment: ProgrammeEnrolment,
  period: string,
  nonce = reportNonce(),
): Promise<ProgrammeReport> {
  const pairId = enrolment.pairId;
  const pair = await store.db.pairs.get(pairId);
  if (!pair) throw new Error(t('records.gone.pairs'));
  const [sessions, goals, actionItems, sharedRoleNotes, privateRoleNotes, feedback, keys, closing] =
    await Promise.all([
      store.db.sessions.where('pairId').equals(pairId).toArray(),
      store.db.goals.where('pairId').equals(pairId).toArray(),
      store.db.actionItems.where('pairId').equals(pairId).toArray(),
      store.db.roleNotes.where('pairId').equals(pairId).toArray(),
      store.privateDb.roleNotes.where('pairId').equals(pairId).toArray(),
      store.db.feedback.where('pairId').equals(pairId).toArray(),
      store.db.feedbackKeys.where('pairId').equals(pairId).toArray(),
      store.db.closings.get(`${pairId}:closing`),
    ]);
  const usefulness = await readableUsefulness(feedback, keys);
  return computeReport(
    {
      programme: enrolment.programme,
      pair,
      sessions,
      goals,
      actionItems,
      usefulness,
      roleNotes: [...sharedRoleNotes, ...privateRoleNotes],
      closing: closing ?? null,
    },
    period,
    nonce,
  );
}

/** "How useful" scores this browser can read: revealed answers, and its own by its own key. */
async function readableUsefulness(
  feedback: readonly Feedback[],
  keys: readonly FeedbackKey[],
): Promise<{ sessionId: string; score: number }[]> {
  const own = new Map(keys.filter((k) => k.key).map((k) => [k.id, k.key as string]));
  const scores: { sessionId: string; score: number }[] = [];
  for (const record of feedback) {
    if (record.deleted) continue;
    const key = record.revealedKey ?? own.get(record.id);
    if (!key) continue;
    const opened = await openAnswers(record, key);
    if (opened.ok) scores.push({ sessionId: record.sessionId, score: opened.answers.usefulness });
  }
  return scores;
}

/**
 * Sign and send one month's report — exactly `report`, the one the preview showed — and keep
 * its receipt. A month the other member's browser sent already is recorded as sent.
 */
export async function sendReport(
  store: Store,
  id: string,
  report: ProgrammeReport,
  clientFor: ClientFor = defaultClient,
): Promise<ProgrammeReceipt> {
  const enrolment = await current(store, id);
  if (enrolment.leftAt) throw new Error(t('programme.errors.left'));
  if (!enrolment.enrolmentId) throw new Error(t('programme.errors.notRegistered'));
  const privateKey = await importPrivateKey(enrolment.keys.privateKey);
  const signed = await signReport(privateKey, enrolment.enrolmentId, report);
  const outcome = await clientFor(enrolment.sidecar).report(enrolment.programmeId, signed);
  return recordReceipt(
    store,
    enrolment,
    report,
    outcome.kind === 'received' ? { receivedAt: outcome.receivedAt } : { alreadySent: true },
  );
}

/**
 * Leave the programme: stops reporting here at once, then tells the sidecar (signed) when the
 * pair was registered. A withdrawal the sidecar did not confirm is retried by retryWithdrawals.
 */
export async function leaveProgramme(
  store: Store,
  id: string,
  memberId: string,
  clientFor: ClientFor = defaultClient,
): Promise<{ withdrawal: 'sent' | 'not-needed' | 'pending'; error?: string }> {
  await leaveEnrolment(store, id, memberId);
  return sendWithdrawal(store, id, clientFor);
}

async function sendWithdrawal(
  store: Store,
  id: string,
  clientFor: ClientFor,
): Promise<{ withdrawal: 'sent' | 'not-needed' | 'pending'; error?: string }> {
  const enrolment = await current(store, id);
  if (enrolment.withdrawnAt) return { withdrawal: 'sent' };
  if (!enrolment.enrolmentId) return { withdrawal: 'not-needed' };
  try {
    const privateKey = await importPrivateKey(enrolment.keys.privateKey);
    const signature = await signWithdrawal(
      privateKey,
      enrolment.programmeId,
      enrolment.enrolmentId,
    );
    await clientFor(enrolment.sidecar).withdraw(
      enrolment.programmeId,
      enrolment.enrolmentId,
      signature,
    );
  } catch (error) {
    // Withdrawn already (by the other member's browser) is what we asked for.
    const done =
      error instanceof ProgrammeRequestError &&
      (error.code === 'withdrawn' || error.code === 'not_enrolled');
    if (!done) return { withdrawal: 'pending', error: (error as Error).message };
  }
  await setWithdrawalConfirmed(store, id);
  return { withdrawal: 'sent' };
}

/** Send every withdrawal a member asked for that the sidecar has not confirmed yet. */
export async function retryWithdrawals(
  store: Store,
  clientFor: ClientFor = defaultClient,
): Promise<void> {
  const pending = await store.db.programmeEnrolments
    .filter((e) => !e.deleted && !!e.leftAt && !!e.enrolmentId && !e.withdrawnAt)
    .toArray();
  for (const enrolment of pending) await sendWithdrawal(store, enrolment.id, clientFor);
}
