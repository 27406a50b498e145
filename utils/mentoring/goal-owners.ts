import type { Goal } from '../schema/goal';
import type { Member, Pair } from '../schema/pair';

/**
 * Who owns a goal: the mentee owns the relationship, so in one-to-one and reverse mentoring a
 * goal is the mentee's (in reverse mentoring that is the senior member being mentored: the
 * role decides, not seniority); in a group each goal belongs to one mentee; in peer mentoring
 * to both. A goal keeps member ids (`ownerIds`); one written before goals had owners, or whose
 * owners have left the pair, reads as the model's default.
 */

type PairLike = Pick<Pair, 'members' | 'model'>;

const named = (members: readonly Member[]) => members.filter((m) => m.name.trim() !== '');

export const menteesOf = (pair: PairLike): Member[] =>
  named(pair.members).filter((m) => m.role === 'mentee');

/**
 * A new goal's owners. Tandem does not know which member this browser's user is, only their
 * role: in a group the first mentee (the form lets the user pick another); in peer mentoring
 * both members, since both take both roles.
 */
export function defaultGoalOwnerIds(pair: PairLike): string[] {
  const members = named(pair.members);
  if (pair.model === 'peer') return members.map((m) => m.id);
  const mentees = menteesOf(pair);
  if (pair.model === 'group') return mentees.slice(0, 1).map((m) => m.id);
  return mentees.map((m) => m.id);
}

/** The goal's owners still in the pair; a goal without any reads as the default for its model. */
export function goalOwnerIds(goal: Pick<Goal, 'ownerIds'>, pair: PairLike): string[] {
  const present = new Set(named(pair.members).map((m) => m.id));
  const ids = (goal.ownerIds ?? []).filter((id) => present.has(id));
  if (ids.length > 0) return ids;
  // In a group an unowned goal is the group's, not the first mentee's.
  if (pair.model === 'group') return menteesOf(pair).map((m) => m.id);
  return defaultGoalOwnerIds(pair);
}

/** The owners' names, in the pair's order ("Ana", "Ana and Ben"); empty when nobody is named. */
export function goalOwnerNames(
  goal: Pick<Goal, 'ownerIds'>,
  pair: PairLike,
  locale?: string,
): string {
  const ids = goalOwnerIds(goal, pair);
  const names = named(pair.members)
    .filter((m) => ids.includes(m.id))
    .map((m) => m.name.trim());
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}

/** The members a goal's owner can be chosen from: the mentees in a group, everyone otherwise. */
export function goalOwnerCandidates(pair: PairLike): Member[] {
  return pair.model === 'group' ? menteesOf(pair) : named(pair.members);
}

export interface GoalGroup<T> {
  /** The mentee's id, or null for goals shared by the group. */
  menteeId: string | null;
  name: string;
  goals: T[];
}

/**
 * A group's goals by mentee, in the order the mentees are listed, each mentee's goals in the
 * order given; goals owned by several mentees (or none by name) come last, as the group's.
 * Mentees without goals are listed too, so each mentee sees a place for theirs.
 */
export function goalsByMentee<T extends Pick<Goal, 'ownerIds'>>(
  goals: readonly T[],
  pair: PairLike,
): GoalGroup<T>[] {
  const groups: GoalGroup<T>[] = menteesOf(pair).map((m) => ({
    menteeId: m.id,
    name: m.name.trim(),
    goals: [],
  }));
  const shared: T[] = [];
  for (const goal of goals) {
    const ids = goalOwnerIds(goal, pair);
    const group = ids.length === 1 ? groups.find((g) => g.menteeId === ids[0]) : undefined;
    if (group) group.goals.push(goal);
    else shared.push(goal);
  }
  return shared.length > 0 ? [...groups, { menteeId: null, name: '', goals: shared }] : groups;
}
