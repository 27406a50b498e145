import type { Note } from '../schema/note';
import { byCreation, type Databases, live } from './databases';

/** The session's notes, shared and private, not deleted, oldest first. */
export async function notesOf(store: Databases, sessionId: string): Promise<Note[]> {
  const [shared, personal] = await Promise.all([
    store.db.notes.where('sessionId').equals(sessionId).toArray(),
    store.privateDb.notes.where('sessionId').equals(sessionId).toArray(),
  ]);
  return live([...shared, ...personal]).sort(byCreation);
}
