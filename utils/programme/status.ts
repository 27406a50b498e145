/*
 * Where a pair's enrolment stands, and which months it owes a report: pure, from the records.
 */
import type { ProgrammeConsent, ProgrammeEnrolment, ProgrammeReceipt } from '../schema/programme';

export type EnrolmentStatus =
  | { kind: 'left'; leftBy: string | null }
  /** Members (ids) who have not agreed yet. */
  | { kind: 'waiting'; waitingFor: string[] }
  /** Everyone agreed; the sidecar has not registered the pair yet. */
  | { kind: 'agreed' }
  | { kind: 'enrolled' };

export function enrolmentStatus(
  enrolment: Pick<ProgrammeEnrolment, 'id' | 'leftAt' | 'leftBy' | 'enrolmentId'>,
  consents: readonly Pick<
    ProgrammeConsent,
    'enrolmentRecordId' | 'memberId' | 'agreedAt' | 'withdrawnAt' | 'deleted'
  >[],
  memberIds: readonly string[],
): EnrolmentStatus {
  if (enrolment.leftAt) return { kind: 'left', leftBy: enrolment.leftBy ?? null };
  const agreed = new Set(
    consents
      .filter(
        (c) => !c.deleted && c.enrolmentRecordId === enrolment.id && c.agreedAt && !c.withdrawnAt,
      )
      .map((c) => c.memberId),
  );
  const waitingFor = memberIds.filter((id) => !agreed.has(id));
  if (waitingFor.length > 0 || memberIds.length === 0) return { kind: 'waiting', waitingFor };
  return enrolment.enrolmentId ? { kind: 'enrolled' } : { kind: 'agreed' };
}

function monthOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

function nextMonth(period: string): string {
  const [year = 0, month = 1] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The closed months a report is offered for: from the later of the enrolment's month and the
 * programme's start to the programme's end, never the current month or later.
 */
export function reportPeriods(
  enrolment: Pick<ProgrammeEnrolment, 'proposedAt' | 'programme'>,
  now: number,
): string[] {
  const startMonth = enrolment.programme.startsOn.slice(0, 7);
  const proposedMonth = monthOf(enrolment.proposedAt);
  const first = [proposedMonth, startMonth].sort()[1] ?? startMonth;
  const endMonth = enrolment.programme.endsOn.slice(0, 7);
  const current = monthOf(now);
  const periods: string[] = [];
  for (let period = first; period <= endMonth && period < current; period = nextMonth(period)) {
    periods.push(period);
    if (periods.length > 240) break; // a programme of more than 20 years is not one
  }
  return periods;
}

/** The months offered that no receipt covers yet, oldest first. */
export function unsentPeriods(
  periods: readonly string[],
  receipts: readonly Pick<ProgrammeReceipt, 'period' | 'deleted'>[],
): string[] {
  const sent = new Set(receipts.filter((r) => !r.deleted).map((r) => r.period));
  return periods.filter((period) => !sent.has(period));
}
