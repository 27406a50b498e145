import type { SharedDb } from '../data/db';
import { type KnownMeeting, knownMeetings } from '../mentoring/match-pair';
import type { Session } from '../schema/session';
import { live } from './databases';

/** A session not deleted, or undefined. */
export async function sessionById(db: SharedDb, id: string): Promise<Session | undefined> {
  const session = await db.sessions.get(id);
  return session && !session.deleted ? session : undefined;
}

/** The pair's sessions not deleted, oldest made first. */
export async function sessionsOf(db: SharedDb, pairId: string): Promise<Session[]> {
  return live(await db.sessions.where('pairId').equals(pairId).toArray()).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
}

/** The held sessions among these (deleted ones left out), in the order they were held. */
export function heldInOrder(sessions: readonly Session[]): Session[] {
  return live(sessions.filter((s) => s.status === 'held')).sort(
    (a, b) => (a.heldAt ?? a.createdAt) - (b.heldAt ?? b.createdAt),
  );
}

/** Meetings sessions were made for: the call of an event seen in the calendar is recognised. */
export async function meetingsOfSessions(db: SharedDb): Promise<KnownMeeting[]> {
  return knownMeetings(await db.sessions.toArray());
}
