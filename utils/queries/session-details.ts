import { agendaOrder } from '../mentoring/order';
import type { ActionItem } from '../schema/action-item';
import type { AgendaItem } from '../schema/agenda-item';
import type { Learning } from '../schema/arc';
import type { Role } from '../schema/common';
import type { Goal } from '../schema/goal';
import type { Introduction } from '../schema/introduction';
import type { Note } from '../schema/note';
import type { Pair } from '../schema/pair';
import type { Reflection } from '../schema/reflection';
import type { RoleNote } from '../schema/role-note';
import type { Session } from '../schema/session';
import { learningsOf } from './arc';
import { byCreation, type Databases, live } from './databases';
import type { OpenedFeedback } from './feedback';
import { goalsOf } from './goals';
import { pairById } from './pairs';
import { heldInOrder, sessionById, sessionsOf } from './sessions';

/**
 * One session and what was written in it — the read the history and the Markdown export share.
 * Deleted records are left out; everything is in display order.
 */
export interface SessionDetails {
  session: Session;
  /** By `order`. */
  agenda: AgendaItem[];
  /** Shared notes, and private ones when they were asked for; oldest first. */
  notes: Note[];
  /** Action items agreed in this session; oldest first. */
  actionItems: ActionItem[];
  /** Shared reflections, and private ones when asked for; oldest first. */
  reflections: Reflection[];
  /** Both sides' feedback once opened (only exports load it: opening it is WebCrypto). */
  feedback?: OpenedFeedback[];
  /** The sides whose feedback is submitted but still sealed (exports name them, nothing more). */
  sealedFeedback?: Role[];
  /** Introductions agreed in this session; oldest first (absent where not read). */
  introductions?: Introduction[];
  /** Shared role notes, and this browser's private one when asked for (absent where not read). */
  roleNotes?: RoleNote[];
}

export interface DetailsOptions {
  /** Read this browser's private notes and reflections too. */
  includePrivate: boolean;
}

/** Agenda, notes, action items and reflections of each session, in the order given. */
export async function detailsOf(
  store: Databases,
  sessions: readonly Session[],
  { includePrivate }: DetailsOptions,
): Promise<SessionDetails[]> {
  const ids = sessions.map((s) => s.id);
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [agenda, actionItems, notes, privateNotes, reflections, privateReflections] =
    await Promise.all([
      store.db.agendaItems.where('sessionId').anyOf(ids).toArray(),
      store.db.actionItems.where('sessionId').anyOf(ids).toArray(),
      store.db.notes.where('sessionId').anyOf(ids).toArray(),
      includePrivate ? store.privateDb.notes.where('sessionId').anyOf(ids).toArray() : none<Note>(),
      store.db.reflections.where('sessionId').anyOf(ids).toArray(),
      includePrivate
        ? store.privateDb.reflections.where('sessionId').anyOf(ids).toArray()
        : none<Reflection>(),
    ]);
  const of = <T extends { sessionId: string; deleted: boolean }>(rows: T[], sessionId: string) =>
    live(rows).filter((row) => row.sessionId === sessionId);
  const [introductions, roleNotes, privateRoleNotes] = await Promise.all([
    store.db.introductions.where('sessionId').anyOf(ids).toArray(),
    store.db.roleNotes.where('sessionId').anyOf(ids).toArray(),
    includePrivate
      ? store.privateDb.roleNotes.where('sessionId').anyOf(ids).toArray()
      : none<RoleNote>(),
  ]);
  const allRoleNotes = [...roleNotes, ...privateRoleNotes];
  const allNotes = [...notes, ...privateNotes];
  const allReflections = [...reflections, ...privateReflections];
  return sessions.map((session) => ({
    session,
    agenda: of(agenda, session.id).sort(agendaOrder),
    notes: of(allNotes, session.id).sort(byCreation),
    actionItems: of(actionItems, session.id).sort(byCreation),
    reflections: of(allReflections, session.id).sort(byCreation),
    introductions: of(introductions, session.id).sort(byCreation),
    roleNotes: of(allRoleNotes, session.id).sort(byCreation),
  }));
}

/** A session with its pair and everything written in it, or undefined when either is gone. */
export async function sessionForExport(
  store: Databases,
  sessionId: string,
  options: DetailsOptions,
): Promise<(SessionDetails & { pair: Pair }) | undefined> {
  const session = await sessionById(store.db, sessionId);
  if (!session) return undefined;
  const pair = await pairById(store.db, session.pairId);
  if (!pair) return undefined;
  const [details] = await detailsOf(store, [session], options);
  return details && { pair, ...details };
}

/** A pair with its goals (by order) and its sessions with their details, or undefined. */
export async function pairForExport(
  store: Databases,
  pairId: string,
  options: DetailsOptions,
): Promise<
  { pair: Pair; goals: Goal[]; sessions: SessionDetails[]; learnings: Learning[] } | undefined
> {
  const pair = await pairById(store.db, pairId);
  if (!pair) return undefined;
  const [goals, sessions, learnings] = await Promise.all([
    goalsOf(store.db, pairId),
    sessionsOf(store.db, pairId),
    learningsOf(store, pairId),
  ]);
  return {
    pair,
    goals,
    sessions: await detailsOf(store, sessions, options),
    learnings: learnings.filter((l) => l.visibility === 'shared' || options.includePrivate),
  };
}

/** The history of a pair: its sessions newest first, one page of them with their details. */
export interface HistoryPage {
  /** Sessions in all. */
  total: number;
  /** The newest sessions, as many as were asked for (and down to a session searched for). */
  page: SessionDetails[];
  /** The held sessions in the order they were held (for the progress charts). */
  held: Session[];
  /** By order. */
  goals: Goal[];
}

export async function historyOf(
  store: Databases,
  pairId: string,
  { shown, targetSessionId }: { shown: number; targetSessionId?: string | undefined },
): Promise<HistoryPage> {
  const [sessions, goals] = await Promise.all([
    sessionsOf(store.db, pairId),
    goalsOf(store.db, pairId),
  ]);
  const held = heldInOrder(sessions);
  const newestFirst = [...sessions].sort(
    (a, b) => (b.scheduledAt || '').localeCompare(a.scheduledAt || '') || b.createdAt - a.createdAt,
  );
  // A session asked for (a search hit) is on the page, however far back it lies.
  const wanted = targetSessionId ? newestFirst.findIndex((s) => s.id === targetSessionId) + 1 : 0;
  const page = newestFirst.slice(0, Math.max(shown, wanted));
  return {
    total: newestFirst.length,
    page: await detailsOf(store, page, { includePrivate: true }),
    held,
    goals,
  };
}
