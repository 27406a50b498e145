/*
 * One pair's monthly report to a programme, computed in the browser from the pair's records:
 * counts and yes/no answers only. The inputs carry text (titles, notes, names); nothing here
 * copies a string from them into the report — only numbers, booleans, and the programme's own
 * milestone ids. Pure: no DOM, no Dexie, so the demo script runs it in Node on synthetic pairs.
 */
import {
  type ProgrammeDefinition,
  type ProgrammeReport,
  programmeReport,
} from '@tandem/protocol/programme';
import { currentPhase, localDay } from '../mentoring/arc-phase';
import type { ActionItem } from '../schema/action-item';
import type { Closing } from '../schema/arc';
import type { Goal, GoalStatus } from '../schema/goal';
import type { MentorRole } from '../schema/mentor-role';
import type { Pair } from '../schema/pair';
import type { RoleNote } from '../schema/role-note';
import type { Session } from '../schema/session';

export interface ReportInput {
  programme: Pick<ProgrammeDefinition, 'id' | 'milestones'>;
  pair: Pick<Pair, 'cadenceDays' | 'agreement' | 'phase'>;
  sessions: readonly Pick<Session, 'id' | 'status' | 'deleted' | 'scheduledAt' | 'heldAt'>[];
  goals: readonly Pick<Goal, 'status' | 'deleted'>[];
  actionItems: readonly Pick<ActionItem, 'status' | 'deleted' | 'due' | 'closedInSessionId'>[];
  /** "How useful" answers this browser can read (revealed or its own), by session. */
  usefulness: readonly { sessionId: string; score: number }[];
  /** Role notes this browser can read (its own, and the other side's shared ones). */
  roleNotes: readonly Pick<RoleNote, 'sessionId' | 'used' | 'deleted'>[];
  closing?: Pick<Closing, 'deleted' | 'closedAt'> | null;
}

/** The calendar day of a session: its scheduled day, else the day it was held. */
function sessionDay(session: Pick<Session, 'scheduledAt' | 'heldAt'>): string {
  if (session.scheduledAt) return session.scheduledAt.slice(0, 10);
  return session.heldAt ? localDay(session.heldAt) : '';
}

function daysInMonth(period: string): number {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, month ?? 1, 0)).getUTCDate();
}

/** The last day of a month, YYYY-MM-DD. */
export function monthEnd(period: string): string {
  return `${period}-${String(daysInMonth(period)).padStart(2, '0')}`;
}

function addDays(day: string, days: number): string {
  const date = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/**
 * Whether the pair met as often as its cadence asks over the month: as many held sessions as
 * whole cadences fit in the month; with a cadence longer than the month, one held within the
 * last cadence up to the month's end.
 */
export function rhythmKept(
  cadenceDays: number,
  heldDays: readonly string[],
  period: string,
): boolean {
  const expected = Math.floor(daysInMonth(period) / cadenceDays);
  if (expected >= 1)
    return heldDays.filter((day) => day.startsWith(`${period}-`)).length >= expected;
  const end = monthEnd(period);
  const from = addDays(end, -cadenceDays);
  return heldDays.some((day) => day > from && day <= end);
}

const cap = (value: number, max: number) => Math.min(value, max);

export function computeReport(input: ReportInput, period: string, nonce: string): ProgrammeReport {
  const end = monthEnd(period);
  const held = input.sessions.filter((s) => !s.deleted && s.status === 'held');
  const heldDays = held.map(sessionDay).filter((day) => day !== '');
  const inMonth = new Set(
    held.filter((s) => sessionDay(s).startsWith(`${period}-`)).map((s) => s.id),
  );
  const heldByEnd = held.filter((s) => {
    const day = sessionDay(s);
    return day !== '' && day <= end;
  });
  const dayOfSession = new Map(input.sessions.map((s) => [s.id, sessionDay(s)]));

  const milestones: Record<string, boolean> = {};
  for (const milestone of input.programme.milestones) {
    milestones[milestone.id] = milestoneReached(milestone, input, heldByEnd, end);
  }

  const goals: Record<GoalStatus, number> = { active: 0, achieved: 0, paused: 0, dropped: 0 };
  for (const goal of input.goals) if (!goal.deleted) goals[goal.status] += 1;

  let done = 0;
  let open = 0;
  for (const item of input.actionItems) {
    if (item.deleted) continue;
    if (item.status === 'done') {
      const closedDay = item.closedInSessionId ? dayOfSession.get(item.closedInSessionId) : '';
      const day = closedDay || item.due;
      if (day.startsWith(`${period}-`)) done += 1;
    } else if (item.status === 'open' && item.due.startsWith(`${period}-`)) open += 1;
  }

  const usefulness: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const answer of input.usefulness) {
    if (!inMonth.has(answer.sessionId)) continue;
    const score = answer.score;
    if (Number.isInteger(score) && score >= 1 && score <= 5) {
      usefulness[score - 1] = (usefulness[score - 1] ?? 0) + 1;
    }
  }

  // Both sides may note the roles of one session: a role counts once per session.
  const rolesBySession = new Map<string, Set<MentorRole>>();
  for (const note of input.roleNotes) {
    if (note.deleted || !inMonth.has(note.sessionId)) continue;
    const roles = rolesBySession.get(note.sessionId) ?? new Set<MentorRole>();
    for (const role of note.used) roles.add(role);
    rolesBySession.set(note.sessionId, roles);
  }
  const rolesUsed: Record<MentorRole, number> = {
    advisor: 0,
    challenger: 0,
    connector: 0,
    supporter: 0,
  };
  for (const roles of rolesBySession.values()) for (const role of roles) rolesUsed[role] += 1;

  // Parsing is the last guard: a report that does not fit the protocol is never produced.
  return programmeReport.parse({
    v: 1,
    programmeId: input.programme.id,
    period,
    nonce,
    sessionsHeld: cap(inMonth.size, 62),
    rhythmKept: rhythmKept(input.pair.cadenceDays, heldDays, period),
    milestones,
    goals: {
      active: cap(goals.active, 500),
      achieved: cap(goals.achieved, 500),
      paused: cap(goals.paused, 500),
      dropped: cap(goals.dropped, 500),
    },
    actionItems: { done: cap(done, 10_000), open: cap(open, 10_000) },
    usefulness: usefulness.map((n) => cap(n, 200)),
    rolesUsed: {
      advisor: cap(rolesUsed.advisor, 200),
      challenger: cap(rolesUsed.challenger, 200),
      connector: cap(rolesUsed.connector, 200),
      supporter: cap(rolesUsed.supporter, 200),
    },
  });
}

function milestoneReached(
  milestone: ProgrammeDefinition['milestones'][number],
  input: ReportInput,
  heldByEnd: readonly Pick<Session, 'status' | 'deleted' | 'scheduledAt' | 'heldAt'>[],
  end: string,
): boolean {
  switch (milestone.kind) {
    case 'agreement': {
      const start = input.pair.agreement.startDate;
      if (start && start <= end) return true;
      // Moved past the agreement phase by the month's end (set by the pair, or from sessions held).
      const endMs = Date.parse(`${end}T23:59:59`);
      return currentPhase(input.pair, heldByEnd, endMs) !== 'agreement';
    }
    case 'midpoint': {
      const midpoint = input.pair.agreement.midpointDate || milestone.due;
      return heldByEnd.some((s) => sessionDay(s) >= midpoint);
    }
    case 'closing': {
      const closing = input.closing;
      if (!closing || closing.deleted) return false;
      return closing.closedAt === undefined || localDay(closing.closedAt) <= end;
    }
    default:
      // A programme's own milestone: the pair's records cannot say, so never counted as reached.
      return false;
  }
}
