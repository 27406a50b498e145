import { afterEach, describe, expect, test } from 'vitest';
import {
  acceptSuggestion,
  addAgendaItem,
  moveAgendaItem,
  removeAgendaItem,
} from '../../utils/data/records/agenda-items';
import { addGoal, moveGoal } from '../../utils/data/records/goals';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import { loadPairForExport, pairMarkdown } from '../../utils/export/markdown';
import {
  answersSuggestions,
  draftedBy,
  newAgendaFields,
  selfMemberId,
} from '../../utils/mentoring/agenda-draft';
import {
  defaultGoalOwnerIds,
  goalOwnerCandidates,
  goalOwnerIds,
  goalOwnerNames,
  goalsByMentee,
} from '../../utils/mentoring/goal-owners';
import { agendaOrder, menteeFirst } from '../../utils/mentoring/order';
import { ownerChoices, roleName } from '../../utils/mentoring/owners';
import { promptBank } from '../../utils/prompts/bank';
import { promptsFor } from '../../utils/prompts/choose';
import { agendaOf } from '../../utils/queries/agenda-items';
import { goalsOf } from '../../utils/queries/goals';
import type { Member, MentoringModel, Pair } from '../../utils/schema/pair';
import { closeStores, makeStore, pairInput } from './helpers';
import { goalInput } from './records/setup';

afterEach(closeStores);

const member = (id: string, name: string, role: Member['role']): Member => ({
  id,
  name,
  email: '',
  role,
});
type PairLike = Pick<Pair, 'members' | 'model' | 'myRole'>;
const oneToOne: PairLike = {
  model: 'one-to-one',
  myRole: 'mentor',
  members: [member('g', 'Grace', 'mentor'), member('a', 'Ana', 'mentee')],
};
// Reverse mentoring: Jo, a junior engineer, mentors Vera, a vice-president, in new tools.
const reverse: PairLike = {
  model: 'reverse',
  myRole: 'mentee',
  members: [member('v', 'Vera (VP)', 'mentee'), member('j', 'Jo (junior)', 'mentor')],
};
const circle: PairLike = {
  model: 'group',
  myRole: 'mentor',
  members: [
    member('g', 'Grace', 'mentor'),
    member('h', 'Hal', 'mentor'),
    member('a', 'Ana', 'mentee'),
    member('b', 'Ben', 'mentee'),
    member('c', 'Cem', 'mentee'),
  ],
};
const peers: PairLike = {
  model: 'peer',
  myRole: 'mentor',
  members: [member('l', 'Lena', 'mentor'), member('t', 'Tom', 'mentee')],
};

describe('goal owners: the mentee owns the relationship', () => {
  test('one-to-one: a new goal is the mentee’s', () => {
    expect(defaultGoalOwnerIds(oneToOne)).toEqual(['a']);
    expect(goalOwnerNames({ ownerIds: defaultGoalOwnerIds(oneToOne) }, oneToOne)).toBe('Ana');
  });

  test('reverse: a new goal is the senior member’s, who is the mentee — the role decides, not rank', () => {
    expect(defaultGoalOwnerIds(reverse)).toEqual(['v']);
    expect(roleName('reverse', 'mentor')).toBe('Mentor');
    expect(reverse.members.find((m) => m.role === 'mentor')?.name).toBe('Jo (junior)');
  });

  test('group: a new goal is one mentee’s (the first), and only mentees are offered as its owner', () => {
    expect(defaultGoalOwnerIds(circle)).toEqual(['a']);
    expect(goalOwnerCandidates(circle).map((m) => m.name)).toEqual(['Ana', 'Ben', 'Cem']);
    expect(goalOwnerCandidates(oneToOne).map((m) => m.name)).toEqual(['Grace', 'Ana']);
  });

  test('peer: a new goal is both members’ — both take both roles', () => {
    expect(defaultGoalOwnerIds(peers)).toEqual(['l', 't']);
    expect(goalOwnerNames({}, peers, 'en')).toBe('Lena and Tom');
  });

  test('a goal from before goals had owners reads as the mentee’s; in a group as the group’s', () => {
    expect(goalOwnerIds({}, oneToOne)).toEqual(['a']);
    expect(goalOwnerIds({ ownerIds: undefined }, reverse)).toEqual(['v']);
    expect(goalOwnerIds({}, circle)).toEqual(['a', 'b', 'c']);
  });

  test('an owner who left the pair is forgotten, and the default shows instead', () => {
    expect(goalOwnerIds({ ownerIds: ['gone'] }, oneToOne)).toEqual(['a']);
    expect(goalOwnerIds({ ownerIds: ['gone', 'g'] }, oneToOne)).toEqual(['g']);
  });

  test('a group’s goals are listed by mentee, every mentee with a place, shared goals last', () => {
    const goals = [
      { id: '1', ownerIds: ['b'] },
      { id: '2', ownerIds: ['a'] },
      { id: '3' },
      { id: '4', ownerIds: ['b'] },
    ];
    expect(goalsByMentee(goals, circle).map((g) => [g.name, g.goals.map((x) => x.id)])).toEqual([
      ['Ana', ['2']],
      ['Ben', ['1', '4']],
      ['Cem', []],
      ['', ['3']],
    ]);
  });
});

describe('the mentee drafts the agenda', () => {
  test('what a mentor adds is a suggestion, by the mentor; what the mentee adds is not', () => {
    expect(newAgendaFields(oneToOne)).toEqual({ authorId: 'g', suggestion: true });
    expect(newAgendaFields({ ...oneToOne, myRole: 'mentee' })).toEqual({ authorId: 'a' });
    // The junior mentor in reverse mentoring suggests, as every mentor does.
    expect(newAgendaFields({ ...reverse, myRole: 'mentor' })).toEqual({
      authorId: 'j',
      suggestion: true,
    });
  });

  test('in a group a mentor suggests too; which mentee wrote an item is unknown when several are', () => {
    expect(newAgendaFields(circle)).toEqual({ suggestion: true });
    expect(newAgendaFields({ ...circle, myRole: 'mentee' })).toEqual({});
    expect(selfMemberId({ ...circle, myRole: 'mentee' })).toBeUndefined();
  });

  test('peer mentoring has no suggestions: both draft', () => {
    expect(newAgendaFields(peers)).toEqual({});
    expect(answersSuggestions(peers)).toBe(false);
    expect(answersSuggestions({ ...oneToOne, myRole: 'mentee' })).toBe(true);
    expect(answersSuggestions(oneToOne)).toBe(false);
  });

  test('the mentor sees who drafted the agenda: its mentee authors, or the mentees', () => {
    const mentee = { addedBy: 'mentee' as const };
    expect(draftedBy([{ ...mentee, authorId: 'a' }], oneToOne)).toBe('Ana');
    expect(draftedBy([mentee], circle, 'en')).toBe('Ana, Ben, and Cem');
    expect(
      draftedBy(
        [
          { ...mentee, authorId: 'c' },
          { ...mentee, authorId: 'a' },
        ],
        circle,
        'en',
      ),
    ).toBe('Ana and Cem');
  });

  test('nobody “drafted” an agenda of suggestions only, nor one in peer mentoring', () => {
    expect(draftedBy([], oneToOne)).toBe('');
    expect(draftedBy([{ addedBy: 'mentor', suggestion: true }], oneToOne)).toBe('');
    expect(draftedBy([{ addedBy: 'mentee', authorId: 't' }], peers)).toBe('');
  });

  test('the mentee’s items come first, the mentor’s suggestions after, whatever their order numbers', () => {
    const items = [
      { id: 's1', order: 1, suggestion: true },
      { id: 'm2', order: 3 },
      { id: 'm1', order: 2, suggestion: false },
      { id: 's2', order: 0, suggestion: true },
    ];
    expect([...items].sort(agendaOrder).map((i) => i.id)).toEqual(['m1', 'm2', 's2', 's1']);
  });
});

describe('Review puts the mentee’s side first', () => {
  const side = (item: { owner: 'mentor' | 'mentee' | 'both' }) => item.owner;
  const items = [
    { id: 'mentor-1', owner: 'mentor' as const },
    { id: 'both-1', owner: 'both' as const },
    { id: 'mentee-1', owner: 'mentee' as const },
    { id: 'mentor-2', owner: 'mentor' as const },
    { id: 'mentee-2', owner: 'mentee' as const },
  ];

  test('the mentee’s items, then shared ones, then the mentor’s — each in the order given', () => {
    expect(menteeFirst(items, side).map((i) => i.id)).toEqual([
      'mentee-1',
      'mentee-2',
      'both-1',
      'mentor-1',
      'mentor-2',
    ]);
  });

  test('peer mentoring keeps the order given: there is no mentee side', () => {
    expect(menteeFirst(items, side, true).map((i) => i.id)).toEqual(items.map((i) => i.id));
  });
});

describe('the models made real', () => {
  test('peer: every member is a “Peer”, and action items are owned by name, by both by default', () => {
    expect(roleName('peer', 'mentor')).toBe('Peer');
    expect(roleName('peer', 'mentee')).toBe('Peer');
    expect(ownerChoices(peers).map((c) => c.label)).toEqual(['Lena', 'Tom', 'Both']);
  });

  test('peer: prompts of the mentor, the mentee and both roles are offered', () => {
    const context = { phase: 'live' as const, myRole: 'mentor' as const, now: 0 };
    const roles = (model: MentoringModel) =>
      new Set(promptsFor(promptBank(), { ...context, model }).map((p) => p.role));
    expect(roles('peer')).toEqual(new Set(['mentor', 'mentee', 'both']));
    expect(roles('one-to-one')).toEqual(new Set(['mentor', 'both']));
  });

  test('reverse: prompts for reverse mentoring surface, and only there', () => {
    const context = { phase: 'live' as const, myRole: 'mentee' as const, now: 0 };
    const reverseOnly = (model: MentoringModel) =>
      promptsFor(promptBank(), { ...context, model }).filter((p) => p.models.includes('reverse'));
    expect(reverseOnly('reverse').length).toBeGreaterThan(0);
    expect(reverseOnly('one-to-one').filter((p) => !p.models.includes('one-to-one'))).toEqual([]);
  });

  test('group: each member can own an action item, and all mentees together', () => {
    expect(ownerChoices(circle).map((c) => c.label)).toEqual([
      'Grace',
      'Hal',
      'Ana',
      'Ben',
      'Cem',
      'All mentees',
      'Everyone',
    ]);
  });
});

describe('stored: suggestions, goal owners and export', () => {
  async function pairWithSession(overrides: Parameters<typeof pairInput>[0] = {}) {
    const store = makeStore();
    const pair = await createPair(store, pairInput(overrides));
    const session = await ensurePlannedSession(store, pair.id);
    return { store, pair, session };
  }

  test('a suggestion stays after the mentee’s items until the mentee accepts it, then joins them', async () => {
    const { store, session } = await pairWithSession();
    await addAgendaItem(store, session, 'Mentee point', 'mentee', { authorId: 'm1' });
    const suggestion = await addAgendaItem(store, session, 'Try a pre-mortem', 'mentor', {
      authorId: 'm2',
      suggestion: true,
    });
    await addAgendaItem(store, session, 'Second mentee point', 'mentee', { authorId: 'm1' });
    const texts = async () => (await agendaOf(store.db, session.id)).map((i) => i.text);
    expect(await texts()).toEqual(['Mentee point', 'Second mentee point', 'Try a pre-mortem']);
    // Moving the suggestion up does not jump it over the mentee's items.
    await moveAgendaItem(store, suggestion.id, -1);
    expect(await texts()).toEqual(['Mentee point', 'Second mentee point', 'Try a pre-mortem']);
    await acceptSuggestion(store, suggestion.id);
    const accepted = (await agendaOf(store.db, session.id)).at(-1);
    expect(accepted).toMatchObject({ text: 'Try a pre-mortem', suggestion: false });
    expect(await store.db.outbox.count()).toBeGreaterThan(0);
  });

  test('a declined suggestion is gone from the agenda', async () => {
    const { store, session } = await pairWithSession();
    const suggestion = await addAgendaItem(store, session, 'Skip this', 'mentor', {
      suggestion: true,
    });
    await removeAgendaItem(store, suggestion.id);
    expect(await agendaOf(store.db, session.id)).toEqual([]);
  });

  test('a goal keeps its owners; a group mentee’s goals move among their own', async () => {
    const { store, pair } = await pairWithSession({
      model: 'group',
      members: [
        { id: 'm1', name: 'Ana', email: '', role: 'mentee' },
        { id: 'm2', name: 'Grace', email: '', role: 'mentor' },
        { id: 'm3', name: 'Ben', email: '', role: 'mentee' },
      ],
    });
    const a1 = await addGoal(store, pair.id, { ...goalInput('Ana one'), ownerIds: ['m1'] });
    await addGoal(store, pair.id, { ...goalInput('Ben one'), ownerIds: ['m3'] });
    const a2 = await addGoal(store, pair.id, { ...goalInput('Ana two'), ownerIds: ['m1'] });
    expect(a1.ownerIds).toEqual(['m1']);
    await moveGoal(store, a2.id, -1, [a1.id, a2.id]);
    const goals = await goalsOf(store.db, pair.id);
    expect(goalsByMentee(goals, pair).map((g) => g.goals.map((x) => x.title))).toEqual([
      ['Ana two', 'Ana one'],
      ['Ben one'],
    ]);
  });

  test('Markdown shows each goal’s owner, who drafted the agenda and which items are suggestions', async () => {
    const { store, pair, session } = await pairWithSession();
    await addGoal(store, pair.id, { ...goalInput('Speak at a meetup'), ownerIds: ['m1'] });
    await addAgendaItem(store, session, 'Talk outline', 'mentee', { authorId: 'm1' });
    await addAgendaItem(store, session, 'Ask for feedback early', 'mentor', {
      authorId: 'm2',
      suggestion: true,
    });
    const data = await loadPairForExport(store, pair.id, { includePrivate: false });
    if (!data) throw new Error('pair missing');
    const markdown = pairMarkdown(data, { locale: 'en-GB', timeZone: 'UTC' });
    expect(markdown).toContain('*Owner:* Ada');
    expect(markdown).toContain('Agenda — drafted by Ada');
    expect(markdown).toContain('- [ ] Ask for feedback early *(Suggestion)*');
    expect(markdown.indexOf('Talk outline')).toBeLessThan(markdown.indexOf('Ask for feedback'));
  });
});
