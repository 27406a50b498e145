import type { Member, Pair } from '../schema/pair';

/**
 * Which member of the pair this browser's user is. Like `myRole`, the pick (`pair.myMemberId`)
 * is local: it travels with the pair but a synced copy never replaces it (utils/sync/merge.ts
 * LOCAL_FIELDS). Where the pair has one named member of my role, that one is me and nothing
 * needs picking; in a group's crowd of mentees (or among peers) the user says which one.
 */

type PairLike = Pick<Pair, 'members' | 'model' | 'myRole' | 'myMemberId'>;

/** The named members sharing my role: whom "Which member are you?" offers. */
export const membersOfMyRole = (pair: Pick<Pair, 'members' | 'myRole'>): Member[] =>
  pair.members.filter((m) => m.role === pair.myRole && m.name.trim() !== '');

/**
 * My member id: the picked one while it is still a member of my role, else the only named
 * member of my role (not among peers, who share the role). Undefined when it is ambiguous.
 */
export function myMember(pair: PairLike): string | undefined {
  const mine = membersOfMyRole(pair);
  const picked = mine.find((m) => m.id === pair.myMemberId);
  return picked ? picked.id : pair.model !== 'peer' && mine.length === 1 ? mine[0]?.id : undefined;
}
