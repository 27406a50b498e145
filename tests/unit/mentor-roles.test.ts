import { describe, expect, test } from 'vitest';
import {
  introductionsFor,
  isFollowUpDue,
  myRoleNote,
  roleBalance,
  roleNeedsOf,
} from '../../utils/mentoring/mentor-roles';
import { promptBank, promptDefinitions } from '../../utils/prompts/bank';
import { overriddenPromptIds, promptMentorRoles, promptsServing } from '../../utils/prompts/roles';
import type { Introduction } from '../../utils/schema/introduction';
import { mentorRoleList, mentorRoles, sortedRoles } from '../../utils/schema/mentor-role';

const goal = (over: Record<string, unknown>) => ({
  status: 'active' as const,
  deleted: false,
  roleNeeds: [] as ('advisor' | 'challenger' | 'connector' | 'supporter')[],
  ...over,
});

describe('the roles the mentee’s open goals call for', () => {
  test('counts active goals per role, most called-for first', () => {
    const needs = roleNeedsOf([
      goal({ roleNeeds: ['challenger', 'connector'] }),
      goal({ roleNeeds: ['challenger'] }),
      goal({ roleNeeds: ['supporter'], status: 'achieved' }),
      goal({ roleNeeds: ['advisor'], deleted: true }),
      goal({ roleNeeds: undefined }),
    ]);
    expect(needs).toEqual([
      { role: 'challenger', count: 2 },
      { role: 'connector', count: 1 },
    ]);
  });

  test('counts only goals a mentee owns when goals have owners', () => {
    const members = [
      { id: 'm1', name: 'Ana', email: '', role: 'mentor' as const },
      { id: 'e1', name: 'Ben', email: '', role: 'mentee' as const },
    ];
    const needs = roleNeedsOf(
      [
        goal({ roleNeeds: ['advisor'], ownerIds: ['m1'] }),
        goal({ roleNeeds: ['supporter'], ownerIds: ['e1'] }),
        goal({ roleNeeds: ['supporter'] }),
      ],
      members,
    );
    expect(needs).toEqual([{ role: 'supporter', count: 2 }]);
  });
});

describe('the balance of roles over the last sessions', () => {
  const held = (id: string, at: number) => ({
    id,
    status: 'held' as const,
    deleted: false,
    heldAt: at,
    createdAt: at,
  });
  test('counts sessions per role used and needed, a role noted by both sides once', () => {
    const sessions = [
      held('s1', 1),
      held('s2', 2),
      { ...held('p', 3), status: 'planned' as const },
    ];
    const notes = [
      {
        sessionId: 's1',
        used: ['advisor' as const],
        needed: ['challenger' as const],
        deleted: false,
      },
      { sessionId: 's1', used: ['advisor' as const], needed: [], deleted: false },
      {
        sessionId: 's2',
        used: ['supporter' as const],
        needed: ['challenger' as const],
        deleted: false,
      },
      { sessionId: 'p', used: ['connector' as const], needed: [], deleted: false },
    ];
    const balance = roleBalance(sessions, notes);
    expect(balance.sessions).toBe(2);
    expect(balance.noted).toBe(2);
    expect(balance.rows).toEqual([
      { role: 'advisor', used: 1, needed: 0 },
      { role: 'challenger', used: 0, needed: 2 },
      { role: 'connector', used: 0, needed: 0 },
      { role: 'supporter', used: 1, needed: 0 },
    ]);
  });

  test('looks at the last sessions only', () => {
    const sessions = Array.from({ length: 10 }, (_, i) => held(`s${i}`, i));
    const notes = [{ sessionId: 's0', used: ['advisor' as const], needed: [], deleted: false }];
    const balance = roleBalance(sessions, notes, 8);
    expect(balance.sessions).toBe(8);
    expect(balance.noted).toBe(0);
  });
});

describe('introductions carried like action items', () => {
  const intro = (over: Partial<Introduction>): Introduction => ({
    id: 'i',
    pairId: 'p',
    sessionId: 'old',
    who: 'Dana',
    org: '',
    why: '',
    status: 'suggested',
    followUp: '',
    closedInSessionId: null,
    createdAt: 1,
    updatedAt: 'x',
    deleted: false,
    deviceId: 'd',
    ...over,
  });
  test('shows open ones from earlier sessions, this and the last session’s, not old closed ones', () => {
    const list = introductionsFor(
      [
        intro({ id: 'open-old' }),
        intro({ id: 'met-old', status: 'met' }),
        intro({ id: 'met-last', sessionId: 'last', status: 'met' }),
        intro({ id: 'closed-now', status: 'declined', closedInSessionId: 'next' }),
        intro({ id: 'new', sessionId: 'next' }),
        intro({ id: 'gone', deleted: true }),
      ],
      'next',
      'last',
    );
    expect(list.map((i) => i.id).sort()).toEqual(['closed-now', 'met-last', 'new', 'open-old']);
  });
  test('sorts by follow-up date, undated last', () => {
    const list = introductionsFor(
      [
        intro({ id: 'a' }),
        intro({ id: 'b', followUp: '2026-03-01' }),
        intro({ id: 'c', followUp: '2026-01-01' }),
      ],
      'next',
      undefined,
    );
    expect(list.map((i) => i.id)).toEqual(['c', 'b', 'a']);
  });
  test('flags an open introduction whose follow-up date has passed', () => {
    expect(isFollowUpDue(intro({ followUp: '2026-01-01' }), '2026-01-02')).toBe(true);
    expect(isFollowUpDue(intro({ followUp: '2026-01-02' }), '2026-01-02')).toBe(false);
    expect(isFollowUpDue(intro({ followUp: '2026-01-01', status: 'met' }), '2026-01-02')).toBe(
      false,
    );
    expect(isFollowUpDue(intro({}), '2026-01-02')).toBe(false);
  });
});

describe('my role note', () => {
  test('is my private one, or the shared one written in my role', () => {
    const theirs = { visibility: 'shared' as const, author: 'mentee' as const, deleted: false };
    const mineShared = { visibility: 'shared' as const, author: 'mentor' as const, deleted: false };
    expect(myRoleNote([theirs], 'mentor')).toBeUndefined();
    expect(myRoleNote([theirs, mineShared], 'mentor')).toBe(mineShared);
    const mine = { visibility: 'private' as const, author: 'mentor' as const, deleted: false };
    expect(myRoleNote([theirs, mine], 'mentor')).toBe(mine);
  });
});

describe('role tags of prompts', () => {
  test('every built-in prompt serves at least one of the four roles', () => {
    for (const prompt of promptBank()) {
      const roles = promptMentorRoles(prompt);
      expect(roles.length, prompt.id).toBeGreaterThan(0);
      expect(mentorRoleList.safeParse([...roles]).success, prompt.id).toBe(true);
    }
  });
  test('every role has prompts, and every named prompt is in the bank', () => {
    const ids = new Set(promptDefinitions.map((p) => p.id));
    for (const id of overriddenPromptIds) expect(ids.has(id), id).toBe(true);
    for (const role of mentorRoles)
      expect(promptsServing(promptBank(), role).length).toBeGreaterThan(3);
  });
  test('a custom prompt serves the roles it was tagged with, and none when untagged', () => {
    const custom = { id: 'custom-1', theme: 'goals' as const };
    expect(promptMentorRoles({ ...custom, mentorRoles: ['connector'] })).toEqual(['connector']);
    expect(promptMentorRoles(custom)).toEqual([]);
    expect(promptsServing([custom], 'challenger')).toEqual([]);
    expect(promptsServing([custom], null)).toEqual([custom]);
  });
  test('role lists are kept in order and refuse repeats', () => {
    expect(sortedRoles(['supporter', 'advisor', 'supporter'])).toEqual(['advisor', 'supporter']);
    expect(mentorRoleList.safeParse(['advisor', 'advisor']).success).toBe(false);
    expect(mentorRoleList.safeParse(['mentor']).success).toBe(false);
  });
});
