import type { RoleNote } from '../schema/role-note';
import type { Session } from '../schema/session';
import { byCreation, type Databases, live } from './databases';
import { sessionsOf } from './sessions';

/** A session's role notes: the shared ones (both sides') and this browser's private one. */
export async function roleNotesOf(store: Databases, sessionId: string): Promise<RoleNote[]> {
  const [shared, personal] = await Promise.all([
    store.db.roleNotes.where('sessionId').equals(sessionId).toArray(),
    store.privateDb.roleNotes.where('sessionId').equals(sessionId).toArray(),
  ]);
  return live([...shared, ...personal]).sort(byCreation);
}

/** Every role note of a pair that this browser can read, and the pair's sessions: the balance. */
export async function pairRoleNotesOf(
  store: Databases,
  pairId: string,
): Promise<{ notes: RoleNote[]; sessions: Session[] }> {
  const [shared, personal, sessions] = await Promise.all([
    store.db.roleNotes.where('pairId').equals(pairId).toArray(),
    store.privateDb.roleNotes.where('pairId').equals(pairId).toArray(),
    sessionsOf(store.db, pairId),
  ]);
  return { notes: live([...shared, ...personal]), sessions };
}
