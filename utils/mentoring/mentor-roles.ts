import type { Goal } from '../schema/goal';
import type { Introduction, IntroductionStatus } from '../schema/introduction';
import { type MentorRole, mentorRoles } from '../schema/mentor-role';
import type { Pair } from '../schema/pair';
import type { RoleNote } from '../schema/role-note';
import type { Session } from '../schema/session';

/**
 * The mentor's four roles as plain functions: which roles the mentee's open goals call for, the
 * balance of roles used and needed over the last sessions, and which introductions (the
 * Connector's record) a session shows and carries. docs/mentor-roles.md.
 */

export interface RoleCount {
  role: MentorRole;
  count: number;
}

/** A goal as this module reads it; `ownerIds` arrives with goal owners (issue 15, part 2). */
type GoalLike = Pick<Goal, 'status' | 'deleted' | 'roleNeeds'> & { ownerIds?: readonly string[] };

/**
 * How many of the mentee's active goals call for each role, most called-for first (ties in the
 * roles' order); roles no goal calls for are left out. A goal with owners counts when a mentee
 * owns it; a goal without owner information counts as the mentee's.
 */
export function roleNeedsOf(
  goals: readonly GoalLike[],
  members: Pair['members'] = [],
): RoleCount[] {
  const mentees = new Set(members.filter((m) => m.role === 'mentee').map((m) => m.id));
  const counts = new Map<MentorRole, number>();
  for (const goal of goals) {
    if (goal.deleted || goal.status !== 'active') continue;
    const owners = goal.ownerIds ?? [];
    if (owners.length > 0 && !owners.some((id) => mentees.has(id))) continue;
    for (const role of new Set(goal.roleNeeds ?? [])) counts.set(role, (counts.get(role) ?? 0) + 1);
  }
  return mentorRoles
    .map((role) => ({ role, count: counts.get(role) ?? 0 }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
}

export interface RoleBalanceRow {
  role: MentorRole;
  /** Sessions in which someone noted the role as used. */
  used: number;
  /** Sessions in which someone noted the role as needed. */
  needed: number;
}

export interface RoleBalance {
  /** The held sessions looked at, up to the limit, oldest first. */
  sessions: number;
  /** Of those, the sessions with at least one role note. */
  noted: number;
  rows: RoleBalanceRow[];
}

/** How many recent held sessions the balance looks at. */
export const BALANCE_SESSIONS = 8;

/**
 * The balance of roles over the last `limit` held sessions: for each role, in how many of them
 * it was used and in how many it was needed, by anyone's note (a role both sides noted counts
 * once per session).
 */
export function roleBalance(
  sessions: readonly Pick<Session, 'id' | 'status' | 'deleted' | 'heldAt' | 'createdAt'>[],
  notes: readonly Pick<RoleNote, 'sessionId' | 'used' | 'needed' | 'deleted'>[],
  limit = BALANCE_SESSIONS,
): RoleBalance {
  const held = sessions
    .filter((s) => s.status === 'held' && !s.deleted)
    .sort((a, b) => (a.heldAt ?? a.createdAt) - (b.heldAt ?? b.createdAt))
    .slice(-limit);
  const ids = new Set(held.map((s) => s.id));
  const used = new Map<MentorRole, Set<string>>();
  const needed = new Map<MentorRole, Set<string>>();
  const noted = new Set<string>();
  const add = (map: Map<MentorRole, Set<string>>, role: MentorRole, sessionId: string) => {
    const set = map.get(role) ?? new Set<string>();
    set.add(sessionId);
    map.set(role, set);
  };
  for (const note of notes) {
    if (note.deleted || !ids.has(note.sessionId)) continue;
    noted.add(note.sessionId);
    for (const role of note.used) add(used, role, note.sessionId);
    for (const role of note.needed) add(needed, role, note.sessionId);
  }
  return {
    sessions: held.length,
    noted: noted.size,
    rows: mentorRoles.map((role) => ({
      role,
      used: used.get(role)?.size ?? 0,
      needed: needed.get(role)?.size ?? 0,
    })),
  };
}

/** Met or declined: nothing more to do. */
export function isClosedIntroduction(status: IntroductionStatus): boolean {
  return status === 'met' || status === 'declined';
}

/** An open introduction whose follow-up date has passed (`today` as YYYY-MM-DD). */
export function isFollowUpDue(
  intro: Pick<Introduction, 'status' | 'followUp'>,
  today: string,
): boolean {
  return !isClosedIntroduction(intro.status) && intro.followUp !== '' && intro.followUp < today;
}

/**
 * The introductions a session shows, as action items are carried: those agreed in it, those
 * agreed in the last held session, those closed in it, and every one still open from an earlier
 * session (an introduction does not vanish because a session passed). Soonest follow-up
 * first, those without a date after them, then in the order they were agreed.
 */
export function introductionsFor(
  intros: readonly Introduction[],
  sessionId: string,
  lastHeldId: string | undefined,
): Introduction[] {
  return intros
    .filter(
      (i) =>
        !i.deleted &&
        (i.sessionId === sessionId ||
          i.sessionId === lastHeldId ||
          i.closedInSessionId === sessionId ||
          !isClosedIntroduction(i.status)),
    )
    .sort((a, b) => {
      if (a.followUp !== b.followUp) {
        if (a.followUp === '') return 1;
        if (b.followUp === '') return -1;
        return a.followUp < b.followUp ? -1 : 1;
      }
      return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
    });
}

/**
 * My role note on a session: private ones are always mine; a shared one is mine when its
 * author has my role in the pair (the other side's shared note is theirs).
 */
export function myRoleNote<T extends Pick<RoleNote, 'visibility' | 'author' | 'deleted'>>(
  notes: readonly T[],
  myRole: Pair['myRole'],
): T | undefined {
  const live = notes.filter((n) => !n.deleted);
  return (
    live.find((n) => n.visibility === 'private') ??
    live.find((n) => n.visibility === 'shared' && n.author === myRole)
  );
}
