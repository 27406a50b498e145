import { describe, expect, test } from 'vitest';
import {
  choiceOf,
  defaultChoice,
  ownerChoices,
  ownerOfChoice,
  ownerWords,
  roleName,
} from '../../utils/mentoring/owners';
import type { Member, MentoringModel } from '../../utils/schema/pair';

const member = (id: string, name: string, role: Member['role']): Member => ({
  id,
  name,
  email: '',
  role,
});
const oneToOne = {
  model: 'one-to-one' as MentoringModel,
  members: [member('p', 'Priya', 'mentor'), member('s', 'Sam', 'mentee')],
};
const circle = {
  model: 'group' as MentoringModel,
  members: [
    member('g', 'Grace', 'mentor'),
    member('a', 'Ada', 'mentee'),
    member('b', 'Bea', 'mentee'),
    member('c', 'Cem', 'mentee'),
    member('d', 'Dara', 'mentee'),
  ],
};
const peers = {
  model: 'peer' as MentoringModel,
  members: [member('l', 'Lena', 'mentee'), member('t', 'Tom', 'mentor')],
};

describe('action item owners are members by name, in every model', () => {
  test('one-to-one: each member by name and both; a new item is the mentee’s', () => {
    expect(ownerChoices(oneToOne).map((c) => c.label)).toEqual(['Priya', 'Sam', 'Both']);
    expect(defaultChoice(oneToOne)).toBe('member:s');
    expect(ownerOfChoice('member:s', oneToOne)).toEqual({ owner: 'mentee', ownerIds: ['s'] });
    expect(ownerOfChoice('everyone', oneToOne)).toEqual({ owner: 'both', ownerIds: ['p', 's'] });
  });

  test('a five-person circle: one person can own an item; all mentees; everyone', () => {
    const labels = ownerChoices(circle).map((c) => c.label);
    expect(labels).toEqual(['Grace', 'Ada', 'Bea', 'Cem', 'Dara', 'All mentees', 'Everyone']);
    expect(labels).not.toContain('Both');
    const bea = ownerOfChoice('member:b', circle);
    expect(bea).toEqual({ owner: 'mentee', ownerIds: ['b'] });
    expect(ownerWords(bea, circle)).toBe('Bea');
    expect(ownerWords(ownerOfChoice('everyone', circle), circle)).toBe('Everyone');
    expect(ownerWords(ownerOfChoice('mentees', circle), circle)).toBe('Ada, Bea, Cem, and Dara');
    // With several mentees nobody is picked for the user: the whole circle.
    expect(defaultChoice(circle)).toBe('everyone');
  });

  test('peers: no roles offered, words say peer', () => {
    expect(ownerChoices(peers).map((c) => c.label)).toEqual(['Lena', 'Tom', 'Both']);
    expect(roleName('peer', 'mentor')).toBe('Peer');
    expect(roleName('peer', 'mentee')).toBe('Peer');
    expect(roleName('one-to-one', 'mentor')).toBe('Mentor');
    expect(defaultChoice(peers)).toBe('everyone');
  });

  test('an item from before owners were members is shown by the names of its role', () => {
    const old = { owner: 'mentee' as const };
    expect(ownerWords(old, oneToOne)).toBe('Sam');
    expect(choiceOf(old, oneToOne)).toBe('member:s');
    expect(ownerWords({ owner: 'both' as const }, oneToOne)).toBe('Priya and Sam');
    expect(ownerWords({ owner: 'mentee' as const }, circle)).toBe('Ada, Bea, Cem, and Dara');
    expect(choiceOf({ owner: 'mentee' as const }, circle)).toBe('mentees');
  });

  test('a pair with no names listed falls back to roles', () => {
    const nameless = { model: 'one-to-one' as MentoringModel, members: [] };
    expect(ownerChoices(nameless).map((c) => c.label)).toEqual(['Mentee', 'Mentor', 'Both']);
    expect(ownerOfChoice('role:mentor', nameless)).toEqual({ owner: 'mentor', ownerIds: [] });
    expect(ownerWords({ owner: 'mentor' as const }, nameless)).toBe('Mentor');
  });

  test('a pair that lists only the mentor: the mentee and both are offered by role', () => {
    const kimOnly = {
      model: 'one-to-one' as MentoringModel,
      members: [member('k', 'Kim', 'mentor')],
    };
    expect(ownerChoices(kimOnly).map((c) => c.label)).toEqual(['Kim', 'Mentee', 'Both']);
    expect(defaultChoice(kimOnly)).toBe('role:mentee');
    expect(ownerWords({ owner: 'both' as const }, kimOnly)).toBe('Both');
    expect(ownerWords({ owner: 'mentor' as const }, kimOnly)).toBe('Kim');
    expect(choiceOf({ owner: 'both' as const }, kimOnly)).toBe('role:both');
  });

  test('a member who left, or a role changed by a device that knows only roles, is not shown', () => {
    // Sam left the pair: the item is shown by its role's remaining members.
    const withoutSam = { ...oneToOne, members: [member('p', 'Priya', 'mentor')] };
    expect(ownerWords({ owner: 'mentee', ownerIds: ['s'] }, withoutSam)).toBe('Mentee');
    expect(choiceOf({ owner: 'mentee', ownerIds: ['s'] }, withoutSam)).toBe('role:mentee');
    // An older device set the role to mentor after the item named Sam: the role is the news.
    expect(ownerWords({ owner: 'mentor', ownerIds: ['s'] }, oneToOne)).toBe('Priya');
  });

  test('two of five members: no single choice matches, so the form keeps them as they are', () => {
    const two = { owner: 'mentee' as const, ownerIds: ['a', 'b'] };
    expect(choiceOf(two, circle)).toBeUndefined();
    expect(ownerWords(two, circle)).toBe('Ada and Bea');
  });
});
