import { programmeReport } from '@tandem/protocol/programme';
import { describe, expect, it } from 'vitest';
import { computeReport, rhythmKept } from '../../../utils/programme/report';
import { PROGRAMME, pairRecords } from './fixtures';

const NONCE = 'nonce-nonce-nonce-1234';

describe('a programme report', () => {
  it('counts November 2026 for a pair meeting every two weeks', () => {
    const report = computeReport(pairRecords(), '2026-11', NONCE);
    expect(report).toEqual({
      v: 1,
      programmeId: PROGRAMME.id,
      period: '2026-11',
      nonce: NONCE,
      sessionsHeld: 2,
      rhythmKept: true,
      milestones: { agreement: true, midpoint: true, closing: false, showcase: false },
      goals: { active: 2, achieved: 1, paused: 0, dropped: 0 },
      actionItems: { done: 2, open: 1 },
      usefulness: [0, 0, 0, 1, 2],
      rolesUsed: { advisor: 1, challenger: 1, connector: 0, supporter: 1 },
    });
    expect(programmeReport.safeParse(report).success).toBe(true);
  });

  it('says the mid-point was not reached before the first session on or after it', () => {
    const report = computeReport(pairRecords(), '2026-10', NONCE);
    expect(report.sessionsHeld).toBe(1);
    expect(report.rhythmKept).toBe(false);
    expect(report.milestones).toEqual({
      agreement: true,
      midpoint: false,
      closing: false,
      showcase: false,
    });
    expect(report.usefulness).toEqual([1, 0, 0, 0, 0]);
    expect(report.rolesUsed.connector).toBe(1);
  });

  it("uses the programme's mid-point date when the pair has none", () => {
    const input = pairRecords();
    input.pair = { ...input.pair, agreement: { ...input.pair.agreement, midpointDate: '' } };
    // The programme's mid-point is 2026-11-30: no session held on or after it in November.
    expect(computeReport(input, '2026-11', NONCE).milestones.midpoint).toBe(false);
  });

  it('counts the agreement milestone once the pair moved past the agreement phase', () => {
    const input = pairRecords();
    input.pair = { ...input.pair, agreement: { ...input.pair.agreement, startDate: '' } };
    expect(computeReport(input, '2026-09', NONCE).milestones.agreement).toBe(false);
    expect(computeReport(input, '2026-10', NONCE).milestones.agreement).toBe(true);
    input.pair = { ...input.pair, phase: 'direction' };
    expect(computeReport(input, '2026-09', NONCE).milestones.agreement).toBe(true);
  });

  it('counts the closing milestone from the month the pair closed', () => {
    const input = pairRecords();
    input.closing = { deleted: false, closedAt: Date.parse('2027-02-10T12:00:00') };
    expect(computeReport(input, '2027-01', NONCE).milestones.closing).toBe(false);
    expect(computeReport(input, '2027-02', NONCE).milestones.closing).toBe(true);
    input.closing = { deleted: true, closedAt: Date.parse('2027-02-10T12:00:00') };
    expect(computeReport(input, '2027-02', NONCE).milestones.closing).toBe(false);
  });

  it('reports an empty month as zeros', () => {
    const report = computeReport(pairRecords(), '2027-01', NONCE);
    expect(report.sessionsHeld).toBe(0);
    expect(report.rhythmKept).toBe(false);
    expect(report.usefulness).toEqual([0, 0, 0, 0, 0]);
    expect(report.actionItems).toEqual({ done: 0, open: 0 });
  });

  it('ignores usefulness scores outside 1–5', () => {
    const input = pairRecords();
    input.usefulness = [
      { sessionId: 's2', score: 0 },
      { sessionId: 's2', score: 6 },
      { sessionId: 's2', score: 2.5 },
    ];
    expect(computeReport(input, '2026-11', NONCE).usefulness).toEqual([0, 0, 0, 0, 0]);
  });

  it('never carries a word written in the pair’s records', () => {
    const canary = 'zebracanary';
    const input = pairRecords();
    const withText = {
      ...input,
      pair: {
        ...input.pair,
        title: `${canary} pair`,
        members: [{ id: 'm1', name: canary, email: `${canary}@example.org`, role: 'mentor' }],
        agreement: {
          ...input.pair.agreement,
          rhythm: canary,
          confidentiality: canary,
          scope: canary,
        },
      },
      sessions: input.sessions.map((s) => ({ ...s, meetingUrl: canary, calendarEventId: canary })),
      goals: input.goals.map((g) => ({ ...g, title: canary, why: canary, measure: canary })),
      actionItems: input.actionItems.map((a) => ({ ...a, text: canary })),
      roleNotes: input.roleNotes.map((r) => ({ ...r, note: canary })),
      closing: { deleted: false, whatNext: canary, learnFrom: canary, endorsement: canary },
    };
    for (const period of ['2026-10', '2026-11', '2026-12']) {
      const report = computeReport(withText, period, NONCE);
      expect(JSON.stringify(report)).not.toContain(canary);
    }
  });

  it('refuses a nonce or period that does not fit the protocol', () => {
    expect(() => computeReport(pairRecords(), '2026-11', 'short')).toThrow();
    expect(() => computeReport(pairRecords(), '2026-13', NONCE)).toThrow();
  });
});

describe('the rhythm over a month', () => {
  it('asks for as many sessions as whole cadences fit in the month', () => {
    expect(rhythmKept(7, ['2026-11-02', '2026-11-09', '2026-11-16'], '2026-11')).toBe(false);
    expect(rhythmKept(7, ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'], '2026-11')).toBe(
      true,
    );
    expect(rhythmKept(28, ['2026-11-30'], '2026-11')).toBe(true);
  });

  it('with a cadence longer than the month, asks for a session within the last cadence', () => {
    expect(rhythmKept(42, ['2026-10-25'], '2026-11')).toBe(true);
    expect(rhythmKept(42, ['2026-10-10'], '2026-11')).toBe(false);
    expect(rhythmKept(42, ['2026-12-01'], '2026-11')).toBe(false);
  });
});
