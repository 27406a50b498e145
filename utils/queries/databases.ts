import type { PrivateDb, SharedDb } from '../data/db';

/** Both databases: reads of notes and reflections join the shared copy and this browser's own. */
export interface Databases {
  db: SharedDb;
  privateDb: PrivateDb;
}

/** Records in the order they were written; the id breaks ties so every view agrees. */
export function byCreation(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** Rows still there (a deleted row stays as a tombstone for sync). */
export function live<T extends { deleted: boolean }>(rows: readonly T[]): T[] {
  return rows.filter((row) => !row.deleted);
}
