import { describe, expect, test } from 'vitest';
import {
  inProgressRecord,
  progressRecord,
  progressRecordMarkdown,
} from '../../utils/export/progress-record';
import type { Closing, Learning } from '../../utils/schema/arc';

const synced = { updatedAt: '1', deleted: false, deviceId: 'd' };
const learning = (id: string, text: string, changes: Partial<Learning> = {}): Learning => ({
  ...synced,
  id,
  pairId: 'p',
  sessionId: '',
  authorRole: 'mentee',
  text,
  visibility: 'private',
  createdAt: 1,
  ...changes,
});
const ENDORSEMENT = 'Ana learned fast, asked the right questions\nand I would work with her again.';
const closing: Closing = {
  ...synced,
  id: 'p:closing',
  pairId: 'p',
  whatNext: 'A course on public speaking',
  learnFrom: 'Grace in the platform team',
  endorsement: ENDORSEMENT,
};
const input = (learnings: Learning[]) => ({
  pair: {
    title: 'Ana and Cleo',
    members: [
      { id: '1', name: 'Ana', email: '', role: 'mentee' as const },
      { id: '2', name: 'Cleo', email: '', role: 'mentor' as const },
    ],
    agreement: {
      rhythm: '',
      confidentiality: '',
      scope: '',
      startDate: '2025-01-01',
      endDate: '2025-06-30',
    },
  },
  goals: [
    {
      title: 'Give a talk',
      status: 'achieved' as const,
      outcome: 'Spoke at the meetup in May',
      deleted: false,
    },
    { title: 'Learn Rust', status: 'paused' as const, deleted: false },
    { title: 'Gone goal', status: 'active' as const, deleted: true },
  ],
  learnings,
  closing,
  now: Date.UTC(2025, 6, 1),
});
const markdown = (learnings: Learning[]) =>
  progressRecordMarkdown(progressRecord(input(learnings), { locale: 'en', timeZone: 'UTC' }));

describe('the progress record', () => {
  test('leaves a private learning out unless its author ticked it', () => {
    const text = markdown([
      learning('a', 'Secret doubts about my manager'),
      learning('b', 'Ticked private lesson', { inRecord: true }),
      learning('c', 'Shared lesson', { visibility: 'shared' }),
    ]);
    expect(text).not.toContain('Secret doubts');
    expect(text).toContain('Ticked private lesson');
    expect(text).toContain('Shared lesson');
    expect(inProgressRecord(learning('d', 'x'))).toBe(false);
  });

  test("quotes the mentor's endorsement in the mentor's words", () => {
    const text = markdown([]);
    expect(text).toContain(
      "## The mentor's endorsement\n\n> Ana learned fast, asked the right questions\n> and I would work with her again.\n>\n> — Cleo",
    );
    expect(progressRecord(input([])).endorsement).toBe(ENDORSEMENT);
  });

  test('lists every goal with its status and outcome', () => {
    const text = markdown([]);
    expect(text).toContain('# Progress record: Ana and Cleo');
    expect(text).toContain('From January 1, 2025 to June 30, 2025');
    expect(text).toContain('- **Give a talk** — achieved\n  *Outcome:* Spoke at the meetup in May');
    expect(text).toContain('- **Learn Rust** — paused');
    expect(text).not.toContain('Gone goal');
    expect(text).toContain('## What comes next\n\nA course on public speaking');
    expect(text).toContain('## Who else to learn from\n\nGrace in the platform team');
  });

  test("keeps the mentee's and the mentor's learnings apart", () => {
    const text = markdown([
      learning('a', 'How to pitch an idea', { visibility: 'shared' }),
      learning('b', 'How juniors see our code review', {
        visibility: 'shared',
        authorRole: 'mentor',
      }),
    ]);
    expect(text).toContain('## What the mentee learned\n\n- How to pitch an idea');
    expect(text).toContain('## What the mentor learned\n\n- How juniors see our code review');
  });

  test('keeps Markdown in user text literal', () => {
    const text = markdown([
      learning('a', '# not a heading [x](javascript:alert(1))', { visibility: 'shared' }),
    ]);
    expect(text).toContain('\\# not a heading \\[x\\](javascript:alert(1))');
  });
});
