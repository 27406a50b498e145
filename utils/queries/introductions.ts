import type { SharedDb } from '../data/db';
import type { Introduction } from '../schema/introduction';
import type { Session } from '../schema/session';
import { byCreation, live } from './databases';
import { sessionsOf } from './sessions';

/** The pair's introductions not deleted, oldest first, and its sessions (to say where from). */
export async function introductionsOf(
  db: SharedDb,
  pairId: string,
): Promise<{ introductions: Introduction[]; sessions: Session[] }> {
  const [rows, sessions] = await Promise.all([
    db.introductions.where('pairId').equals(pairId).toArray(),
    sessionsOf(db, pairId),
  ]);
  return { introductions: live(rows).sort(byCreation), sessions };
}
