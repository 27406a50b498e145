import { describe, expect, test } from 'vitest';
import { agendaTemplate, itemsToAdd } from '../../utils/mentoring/agenda-templates';
import {
  currentPhase,
  halfwayDay,
  isMidpointSession,
  nextMilestone,
  nextPhase,
} from '../../utils/mentoring/arc';
import { arcPromptDefinitions } from '../../utils/prompts/arc-bank';
import { promptBank } from '../../utils/prompts/bank';
import { choosePrompt, promptsFor } from '../../utils/prompts/choose';
import type { Pair } from '../../utils/schema/pair';
import type { Session } from '../../utils/schema/session';

const agreement = (dates: Partial<Pair['agreement']> = {}): Pair['agreement'] => ({
  rhythm: '',
  confidentiality: '',
  scope: '',
  ...dates,
});

const session = (
  id: string,
  day: string,
  status: Session['status'] = 'held',
  heldAt?: number,
): Session => ({
  id,
  pairId: 'p',
  scheduledAt: `${day}T10:00`,
  calendarEventId: '',
  meetingUrl: '',
  status,
  createdAt: 0,
  ...(heldAt === undefined ? {} : { heldAt }),
  updatedAt: '1',
  deleted: false,
  deviceId: 'd',
});

const at = (day: string) => Date.parse(`${day}T12:00:00`);

describe('the phase of a pair', () => {
  test('is the agreement for a new pair with no session held', () => {
    expect(
      currentPhase(
        { agreement: agreement() },
        [session('a', '2025-01-01', 'planned')],
        at('2025-01-02'),
      ),
    ).toBe('agreement');
  });

  test('sets direction in the first sessions and makes progress after', () => {
    const held = [session('a', '2025-01-01'), session('b', '2025-01-15')];
    expect(currentPhase({ agreement: agreement() }, held, at('2025-02-01'))).toBe('direction');
    expect(
      currentPhase(
        { agreement: agreement() },
        [...held, session('c', '2025-02-01')],
        at('2025-02-02'),
      ),
    ).toBe('progress');
  });

  test('winds down in the last fifth of the agreed time and closes at the end date', () => {
    const dates = agreement({ startDate: '2025-01-01', endDate: '2025-11-01' });
    const held = [
      session('a', '2025-01-01'),
      session('b', '2025-02-01'),
      session('c', '2025-03-01'),
    ];
    expect(currentPhase({ agreement: dates }, held, at('2025-06-01'))).toBe('progress');
    expect(currentPhase({ agreement: dates }, held, at('2025-09-10'))).toBe('winding-down');
    expect(currentPhase({ agreement: dates }, held, at('2025-11-01'))).toBe('closing');
  });

  test('is the phase the pair set, whatever the sessions say', () => {
    expect(currentPhase({ agreement: agreement(), phase: 'closing' }, [], at('2025-01-01'))).toBe(
      'closing',
    );
  });

  test('moves on one phase at a time and stops after closing', () => {
    expect(nextPhase('agreement')).toBe('direction');
    expect(nextPhase('winding-down')).toBe('closing');
    expect(nextPhase('closing')).toBeNull();
  });
});

describe('milestones', () => {
  test('puts the mid-point halfway between start and end', () => {
    expect(halfwayDay('2025-01-01', '2025-01-31')).toBe('2025-01-16');
    expect(halfwayDay('2025-03-01', '')).toBe('');
    expect(halfwayDay('2025-03-01', '2025-01-01')).toBe('');
  });

  test('names the mid-point review until one is held, then the closing session', () => {
    const pair = { agreement: agreement({ midpointDate: '2025-03-12', endDate: '2025-06-30' }) };
    expect(nextMilestone(pair, [session('a', '2025-02-01')])).toEqual({
      kind: 'midpoint',
      date: '2025-03-12',
    });
    expect(nextMilestone(pair, [session('a', '2025-02-01'), session('b', '2025-03-14')])).toEqual({
      kind: 'closing',
      date: '2025-06-30',
    });
    expect(nextMilestone(pair, [], 'winding-down')).toEqual({
      kind: 'closing',
      date: '2025-06-30',
    });
    expect(nextMilestone({ agreement: agreement() }, [])).toBeNull();
  });

  test('takes the first session on or after the mid-point date as the mid-point review', () => {
    const pair = { agreement: agreement({ midpointDate: '2025-03-12' }) };
    const before = session('a', '2025-03-01');
    const next = session('b', '2025-03-14', 'planned');
    expect(isMidpointSession(pair, before, [before, next])).toBe(false);
    expect(isMidpointSession(pair, next, [before, next])).toBe(true);
    const held = session('c', '2025-03-13', 'held', 1);
    expect(isMidpointSession(pair, next, [before, held, next])).toBe(false);
    expect(isMidpointSession({ agreement: agreement() }, next, [next])).toBe(false);
  });
});

describe('agenda templates', () => {
  const members = [
    { id: '1', name: 'Ana', email: '', role: 'mentee' as const },
    { id: '2', name: 'Ben', email: '', role: 'mentee' as const },
    { id: '3', name: 'Cleo', email: '', role: 'mentor' as const },
  ];

  test('give the progress phase a check-in, review of actions, goal focus and next steps', () => {
    expect(agendaTemplate('progress', { model: 'one-to-one', members })).toEqual([
      'Check-in',
      'Review of actions',
      'Goal focus',
      'Next steps',
    ]);
  });

  test('give a group a round of check-ins, one per member by name', () => {
    const items = agendaTemplate('progress', { model: 'group', members });
    expect(items.slice(0, 3)).toEqual(['Check-in: Ana', 'Check-in: Ben', 'Check-in: Cleo']);
    expect(items).not.toContain('Check-in');
  });

  test('give reverse mentoring an item on what the mentor learned', () => {
    expect(agendaTemplate('closing', { model: 'reverse', members: [] })).toContain(
      'What the mentor learned most',
    );
    expect(agendaTemplate('closing', { model: 'one-to-one', members: [] })).toEqual([
      'Achievements against each goal',
      'What each of us learned',
      'What comes next, and who else to learn from',
      'Thanks',
    ]);
  });

  test('add only the items not on the agenda yet', () => {
    expect(itemsToAdd(['Check-in', 'Goal focus', 'Thanks'], [' check-in ', 'Other'])).toEqual([
      'Goal focus',
      'Thanks',
    ]);
  });
});

describe('prompts of the arc', () => {
  const context = {
    phase: 'live' as const,
    myRole: 'mentor' as const,
    model: 'one-to-one' as const,
    now: 0,
  };

  test('come first while the pair is in their phase', () => {
    expect(choosePrompt(promptBank(), [], { ...context, arcPhase: 'closing' })?.id).toBe(
      'arc-closing-01',
    );
    expect(choosePrompt(promptBank(), [], { ...context, arcPhase: 'progress' })?.id).toBe(
      'arc-progress-01',
    );
  });

  test('stay away in other phases and where no phase is known', () => {
    const ids = (arcPhase?: 'agreement') =>
      promptsFor(promptBank(), { ...context, ...(arcPhase ? { arcPhase } : {}) }).map((p) => p.id);
    expect(ids('agreement')).not.toContain('arc-closing-01');
    expect(ids().filter((id) => id.startsWith('arc-'))).toEqual([]);
  });

  test('give reverse mentoring prompts on what the mentor learns, and groups a check-in round', () => {
    const reverse = arcPromptDefinitions.filter((p) => p.models.includes('reverse'));
    expect(reverse.some((p) => p.role === 'mentor')).toBe(true);
    expect(arcPromptDefinitions.some((p) => p.models.includes('group'))).toBe(true);
    expect(arcPromptDefinitions.some((p) => p.models.includes('peer'))).toBe(true);
  });

  test('have words for every prompt', () => {
    for (const prompt of promptBank().filter((p) => p.id.startsWith('arc-'))) {
      expect(prompt.text.endsWith('?'), prompt.id).toBe(true);
    }
  });
});
