import { signedReport } from '@tandem/protocol/programme';
import { afterEach, describe, expect, test } from 'vitest';
import { createPair } from '../../../utils/data/records/pairs';
import {
  agreeToEnrolment,
  leaveEnrolment,
  proposeEnrolment,
  recordReceipt,
} from '../../../utils/data/records/programmes';
import { exportBackup } from '../../../utils/export/backup/export';
import { stringifyBackup } from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { loadPairForExport, pairMarkdown } from '../../../utils/export/markdown';
import {
  leaveProgramme,
  previewReport,
  registerIfReady,
  retryWithdrawals,
  sendReport,
} from '../../../utils/programme/actions';
import { type ProgrammeClient, ProgrammeRequestError } from '../../../utils/programme/client';
import { publicKeyRaw, verifyReport, verifyWithdrawal } from '../../../utils/programme/sign';
import { enrolmentStatus, reportPeriods, unsentPeriods } from '../../../utils/programme/status';
import { mergeRecord, type SyncedRow } from '../../../utils/sync/merge';
import { closeStores, makeStore, pairInput, type TestStore } from '../helpers';
import { s } from '../sync/stamps';
import { PROGRAMME } from './fixtures';

afterEach(closeStores);

const SECRET = 'S'.repeat(43);

/** A sidecar that keeps what it was sent and verifies signatures as the real one must. */
function fakeSidecar(options: { offline?: boolean; duplicate?: boolean } = {}) {
  const state = {
    offline: options.offline ?? false,
    keys: new Map<string, string>(),
    reports: [] as unknown[],
    withdrawals: [] as string[],
  };
  const client: ProgrammeClient = {
    async programme() {
      return PROGRAMME;
    },
    async enrol(_id, secret, publicKey) {
      expect(secret).toBe(SECRET);
      const digest = await crypto.subtle.digest(
        'SHA-256',
        Uint8Array.from(atob(publicKey.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
          c.charCodeAt(0),
        ),
      );
      const id = btoa(String.fromCharCode(...new Uint8Array(digest)))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '');
      state.keys.set(id, publicKey);
      return id;
    },
    async report(_id, signed) {
      if (state.offline) throw new ProgrammeRequestError('offline', 'offline');
      expect(signedReport.safeParse(signed).success).toBe(true);
      expect(await verifyReport(state.keys.get(signed.enrolmentId) ?? '', signed)).toBe(true);
      if (options.duplicate) return { kind: 'duplicate' };
      state.reports.push(JSON.parse(JSON.stringify(signed)));
      return { kind: 'received', receivedAt: 42 };
    },
    async withdraw(programmeId, enrolmentId, signature) {
      if (state.offline) throw new ProgrammeRequestError('offline', 'offline');
      const key = state.keys.get(enrolmentId) ?? '';
      expect(await verifyWithdrawal(key, programmeId, enrolmentId, signature)).toBe(true);
      state.withdrawals.push(enrolmentId);
    },
  };
  return { state, clientFor: () => client };
}

async function enrolledPair(store: TestStore) {
  const pair = await createPair(store, pairInput());
  const enrolment = await proposeEnrolment(store, {
    pairId: pair.id,
    memberId: 'm1',
    sidecar: 'https://programme.example.org',
    programme: PROGRAMME,
    secret: SECRET,
  });
  return { pair, enrolment };
}

describe('a pair joining a programme', () => {
  test('nothing is registered until every member agreed', async () => {
    const store = makeStore();
    const sidecar = fakeSidecar();
    const { enrolment } = await enrolledPair(store);
    const consents = await store.db.programmeConsents.toArray();
    expect(enrolmentStatus(enrolment, consents, ['m1', 'm2'])).toEqual({
      kind: 'waiting',
      waitingFor: ['m2'],
    });
    await registerIfReady(store, enrolment.id, sidecar.clientFor);
    expect(sidecar.state.keys.size).toBe(0);

    await agreeToEnrolment(store, enrolment.id, 'm2');
    const registered = await registerIfReady(store, enrolment.id, sidecar.clientFor);
    expect(sidecar.state.keys.size).toBe(1);
    expect(registered.enrolmentId).toBe([...sidecar.state.keys.keys()][0]);
    expect(
      enrolmentStatus(registered, await store.db.programmeConsents.toArray(), ['m1', 'm2']),
    ).toEqual({ kind: 'enrolled' });
  });

  test('refuses a sidecar that names the pair by another key', async () => {
    const store = makeStore();
    const sidecar = fakeSidecar();
    const { enrolment } = await enrolledPair(store);
    await agreeToEnrolment(store, enrolment.id, 'm2');
    const client = sidecar.clientFor();
    const lying = () => ({ ...client, enrol: async () => 'L'.repeat(43) });
    await expect(registerIfReady(store, enrolment.id, lying)).rejects.toThrow(/understand/);
    expect((await store.db.programmeEnrolments.get(enrolment.id))?.enrolmentId).toBeNull();
  });

  test('sends the previewed report signed, keeps a receipt, and 409 counts as sent', async () => {
    const store = makeStore();
    const sidecar = fakeSidecar();
    const { enrolment } = await enrolledPair(store);
    await agreeToEnrolment(store, enrolment.id, 'm2');
    const registered = await registerIfReady(store, enrolment.id, sidecar.clientFor);
    const report = await previewReport(store, registered, '2026-11');
    const receipt = await sendReport(store, enrolment.id, report, sidecar.clientFor);
    expect(receipt).toMatchObject({ period: '2026-11', report, receivedAt: 42 });
    expect((sidecar.state.reports[0] as { report: unknown }).report).toEqual(report);

    const other = fakeSidecar({ duplicate: true });
    other.state.keys = sidecar.state.keys;
    const december = await previewReport(store, registered, '2026-12');
    const duplicate = await sendReport(store, enrolment.id, december, other.clientFor);
    expect(duplicate).toMatchObject({ period: '2026-12', alreadySent: true });

    // A receipt is written once: sending the month again keeps the first one.
    const again = await recordReceipt(store, registered, { ...report, sessionsHeld: 7 }, {});
    expect(again.report.sessionsHeld).toBe(report.sessionsHeld);
  });

  test('leaving stops reports at once even offline, and the withdrawal is retried', async () => {
    const store = makeStore();
    const sidecar = fakeSidecar();
    const { enrolment } = await enrolledPair(store);
    await agreeToEnrolment(store, enrolment.id, 'm2');
    const registered = await registerIfReady(store, enrolment.id, sidecar.clientFor);
    sidecar.state.offline = true;
    const result = await leaveProgramme(store, enrolment.id, 'm2', sidecar.clientFor);
    expect(result.withdrawal).toBe('pending');
    const report = await previewReport(store, registered, '2026-11');
    await expect(sendReport(store, enrolment.id, report, sidecar.clientFor)).rejects.toThrow(
      /left the programme/,
    );
    sidecar.state.offline = false;
    await retryWithdrawals(store, sidecar.clientFor);
    expect(sidecar.state.withdrawals).toEqual([registered.enrolmentId]);
    const left = await store.db.programmeEnrolments.get(enrolment.id);
    expect(left).toMatchObject({ leftBy: 'm2', withdrawnAt: expect.any(Number) });
    expect(
      enrolmentStatus(left as never, await store.db.programmeConsents.toArray(), ['m1', 'm2']),
    ).toEqual({ kind: 'left', leftBy: 'm2' });
  });

  test('the signing key the proposer made is the one in the shared record', async () => {
    const store = makeStore();
    const { enrolment } = await enrolledPair(store);
    expect(await publicKeyRaw(enrolment.keys.publicKey)).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(enrolment.keys.privateKey.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the pair’s Markdown export', () => {
  test('names each programme and its status in one line, and nothing of the enrolment else', async () => {
    const store = makeStore();
    const { pair, enrolment } = await enrolledPair(store);
    const waiting = await loadPairForExport(store, pair.id, { includePrivate: false });
    const text = pairMarkdown(waiting as never);
    expect(text).toContain('## Programmes\n\n- Spring cohort — Waiting for Grace to agree');
    expect(text).not.toContain(SECRET);
    await leaveEnrolment(store, enrolment.id, 'm1');
    const left = await loadPairForExport(store, pair.id, { includePrivate: false });
    expect(pairMarkdown(left as never)).toContain('- Spring cohort — Left');
    // Leaving is final: the same pair cannot join the same programme again with a new key.
    await expect(
      proposeEnrolment(store, {
        pairId: pair.id,
        memberId: 'm1',
        sidecar: 'https://programme.example.org',
        programme: PROGRAMME,
        secret: SECRET,
      }),
    ).rejects.toThrow(/left the programme/);
  });
});

describe('months offered for a report', () => {
  test('from the later of enrolment and programme start, closed months only, to the end', () => {
    const enrolment = { proposedAt: Date.parse('2026-10-15T12:00:00'), programme: PROGRAMME };
    expect(reportPeriods(enrolment, Date.parse('2026-10-20T12:00:00'))).toEqual([]);
    expect(reportPeriods(enrolment, Date.parse('2026-12-02T12:00:00'))).toEqual([
      '2026-10',
      '2026-11',
    ]);
    expect(reportPeriods(enrolment, Date.parse('2028-01-01T12:00:00'))).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(unsentPeriods(['2026-10', '2026-11'], [{ period: '2026-10', deleted: false }])).toEqual([
      '2026-11',
    ]);
  });
});

describe('programme records in sync and backup', () => {
  const base = (updatedAt: string, extra: Partial<SyncedRow>): SyncedRow => ({
    id: 'pair-1:AAAAAAAAAAAAAAAAAAAAAA',
    pairId: 'pair-1',
    enrolmentId: 'E'.repeat(43),
    leftAt: null,
    leftBy: null,
    updatedAt,
    deviceId: 'x',
    deleted: false,
    ...extra,
  });

  test('once either member left, a later version from the other browser does not undo it', () => {
    const left = base(s(2, 'a'), { leftAt: 5, leftBy: 'm1' });
    const stale = base(s(3, 'b'), { leftAt: null, leftBy: null });
    const local = { record: left, fields: {}, synced: {} };
    const merged = mergeRecord('programmeEnrolments', local, {
      record: stale,
      fields: {},
      base: {},
    });
    expect(merged.record).toMatchObject({ leftAt: 5, leftBy: 'm1' });
    const other = mergeRecord(
      'programmeEnrolments',
      { record: stale, fields: {}, synced: {} },
      { record: left, fields: {}, base: {} },
    );
    expect(other.record).toMatchObject({ leftAt: 5, leftBy: 'm1' });
  });

  test('a receipt is written once: a later different report does not replace it', () => {
    const receipt = (updatedAt: string, sessionsHeld: number): SyncedRow => ({
      id: 'r',
      pairId: 'pair-1',
      report: { sessionsHeld },
      updatedAt,
      deviceId: 'x',
      deleted: false,
    });
    const merged = mergeRecord(
      'programmeReceipts',
      { record: receipt(s(2, 'a'), 2), fields: {}, synced: {} },
      { record: receipt(s(3, 'b'), 9), fields: {}, base: {} },
    );
    expect(merged.record.report).toEqual({ sessionsHeld: 2 });
  });

  test('a backup carries the enrolment, consents and receipts and restores them', async () => {
    const store = makeStore();
    const sidecar = fakeSidecar();
    const { enrolment } = await enrolledPair(store);
    await agreeToEnrolment(store, enrolment.id, 'm2');
    const registered = await registerIfReady(store, enrolment.id, sidecar.clientFor);
    await sendReport(
      store,
      enrolment.id,
      await previewReport(store, registered, '2026-11'),
      sidecar.clientFor,
    );
    const text = stringifyBackup(await exportBackup(store, { includePrivate: false }));
    const target = makeStore({ deviceId: 'device-b' });
    expect((await importBackupText(target, text)).ok).toBe(true);
    expect(await target.db.programmeEnrolments.get(enrolment.id)).toEqual(
      await store.db.programmeEnrolments.get(enrolment.id),
    );
    expect(await target.db.programmeConsents.count()).toBe(2);
    expect(await target.db.programmeReceipts.count()).toBe(1);
  });
});
