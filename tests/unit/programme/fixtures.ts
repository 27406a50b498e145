import type { ProgrammeDefinition } from '@tandem/protocol/programme';
import type { ReportInput } from '../../../utils/programme/report';

export const PROGRAMME: ProgrammeDefinition = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  version: 1,
  name: 'Spring cohort',
  startsOn: '2026-09-01',
  endsOn: '2027-02-28',
  milestones: [
    { id: 'agreement', kind: 'agreement', title: 'Agreement signed', due: '2026-09-30' },
    { id: 'midpoint', kind: 'midpoint', title: 'Mid-point review', due: '2026-11-30' },
    { id: 'closing', kind: 'closing', title: 'Closing', due: '2027-02-28' },
    { id: 'showcase', kind: 'custom', title: 'Showcase', due: '2027-01-15' },
  ],
  agreementTemplate: 'We meet every two weeks.',
  prompts: [{ text: 'What surprised you this month?' }],
  sessionTemplates: [{ title: 'Kick-off', items: ['Hopes', 'Fears'] }],
  feedbackQuestions: ['What would you tell a new pair?'],
  minGroupSize: 5,
};

const held = (id: string, scheduledAt: string) => ({
  id,
  status: 'held' as const,
  deleted: false,
  scheduledAt,
  heldAt: Date.parse(`${scheduledAt}:00Z`),
});

/** A pair meeting every two weeks, with a bit of everything in November 2026. */
export function pairRecords(): ReportInput {
  return {
    programme: PROGRAMME,
    pair: {
      cadenceDays: 14,
      agreement: {
        rhythm: 'every two weeks',
        confidentiality: '',
        scope: '',
        startDate: '2026-09-15',
        midpointDate: '2026-11-20',
        endDate: '2027-02-15',
      },
    },
    sessions: [
      held('s1', '2026-10-06T10:00'),
      held('s2', '2026-11-03T10:00'),
      held('s3', '2026-11-24T10:00'),
      { id: 's4', status: 'planned', deleted: false, scheduledAt: '2026-11-28T10:00' },
      { ...held('s5', '2026-11-10T10:00'), deleted: true },
    ],
    goals: [
      { status: 'active', deleted: false },
      { status: 'active', deleted: false },
      { status: 'achieved', deleted: false },
      { status: 'dropped', deleted: true },
    ],
    actionItems: [
      { status: 'done', deleted: false, due: '2026-12-01', closedInSessionId: 's3' },
      { status: 'done', deleted: false, due: '2026-11-05', closedInSessionId: null },
      { status: 'done', deleted: false, due: '2026-10-01', closedInSessionId: 's1' },
      { status: 'open', deleted: false, due: '2026-11-30', closedInSessionId: null },
      { status: 'open', deleted: false, due: '2026-12-30', closedInSessionId: null },
      { status: 'dropped', deleted: false, due: '2026-11-12', closedInSessionId: 's2' },
    ],
    usefulness: [
      { sessionId: 's2', score: 4 },
      { sessionId: 's2', score: 5 },
      { sessionId: 's3', score: 5 },
      { sessionId: 's1', score: 1 },
    ],
    roleNotes: [
      { sessionId: 's2', used: ['advisor', 'supporter'], deleted: false },
      { sessionId: 's2', used: ['advisor'], deleted: false },
      { sessionId: 's3', used: ['challenger'], deleted: false },
      { sessionId: 's1', used: ['connector'], deleted: false },
    ],
    closing: null,
  };
}
