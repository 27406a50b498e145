import type { Reflection } from '../schema/reflection';
import { byCreation, type Databases, live } from './databases';

/** The session's reflections, shared and private, not deleted, oldest first. */
export async function reflectionsOf(store: Databases, sessionId: string): Promise<Reflection[]> {
  const [shared, personal] = await Promise.all([
    store.db.reflections.where('sessionId').equals(sessionId).toArray(),
    store.privateDb.reflections.where('sessionId').equals(sessionId).toArray(),
  ]);
  return live([...shared, ...personal]).sort(byCreation);
}
