import {
  canonicalJson,
  decodeEnrolmentCode,
  encodeEnrolmentCode,
  programmeInput,
  programmeReport,
} from '@tandem/protocol/programme';
import { describe, expect, it } from 'vitest';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const SECRET = 'B'.repeat(43);

describe('programme protocol', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('an enrolment code round-trips, and anything else is refused', () => {
    const code = encodeEnrolmentCode({
      sidecar: 'https://sync.example.org',
      programmeId: ID,
      secret: SECRET,
    });
    expect(decodeEnrolmentCode(`  ${code.slice(0, 20)}\n${code.slice(20)} `)).toEqual({
      sidecar: 'https://sync.example.org',
      programmeId: ID,
      secret: SECRET,
    });
    expect(decodeEnrolmentCode('hello')).toBeNull();
    expect(decodeEnrolmentCode('tandem-programme:!!!')).toBeNull();
    // Plain http only on loopback; a path or a script URL is not an origin.
    for (const sidecar of ['http://sync.example.org', 'javascript:alert(1)', 'https://a.org/x'])
      expect(
        decodeEnrolmentCode(encodeEnrolmentCode({ sidecar, programmeId: ID, secret: SECRET })),
      ).toBeNull();
    expect(
      decodeEnrolmentCode(
        encodeEnrolmentCode({ sidecar: 'http://127.0.0.1:8787', programmeId: ID, secret: SECRET }),
      )?.sidecar,
    ).toBe('http://127.0.0.1:8787');
  });

  it('a report holds counts only: text fields and unknown keys are refused', () => {
    const report = {
      v: 1,
      programmeId: ID,
      period: '2026-11',
      nonce: 'n'.repeat(22),
      sessionsHeld: 2,
      rhythmKept: true,
      milestones: { agreement: true },
      goals: { active: 2, achieved: 1, paused: 0, dropped: 0 },
      actionItems: { done: 3, open: 1 },
      usefulness: [0, 0, 1, 1, 0],
      rolesUsed: { advisor: 1, challenger: 0, connector: 1, supporter: 0 },
    };
    expect(programmeReport.safeParse(report).success).toBe(true);
    expect(programmeReport.safeParse({ ...report, note: 'secret' }).success).toBe(false);
    expect(programmeReport.safeParse({ ...report, sessionsHeld: -1 }).success).toBe(false);
    expect(programmeReport.safeParse({ ...report, period: '2026-13' }).success).toBe(false);
  });

  it('a programme never allows a minimum group size below 3', () => {
    const input = {
      name: 'Spring cohort',
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
      milestones: [],
      agreementTemplate: '',
      prompts: [],
      sessionTemplates: [],
      feedbackQuestions: [],
    };
    expect(programmeInput.safeParse(input).success).toBe(true);
    expect(programmeInput.safeParse({ ...input, minGroupSize: 2 }).success).toBe(false);
    expect(programmeInput.safeParse({ ...input, minGroupSize: 3 }).success).toBe(true);
  });
});
