import { unresolved } from '../data/conflicts';
import type { SharedDb } from '../data/db';
import type { ConflictEntry } from '../schema/local';
import type { Session } from '../schema/session';
import { sharedTables } from '../schema/tables';

/** A copy waiting for the user's choice, with the record it belongs to and that record's session. */
export interface ConflictShown {
  copy: ConflictEntry;
  record: Record<string, unknown> | undefined;
  session: Session | undefined;
}

/** The pair's unresolved conflicts, each with what it belongs to. */
export async function conflictsOf(db: SharedDb, pairId: string): Promise<ConflictShown[]> {
  const copies = unresolved(await db.conflicts.where('pairId').equals(pairId).toArray());
  return Promise.all(
    copies.map(async (copy) => {
      const record =
        copy.table in sharedTables
          ? ((await db.table(copy.table).get(copy.recordId)) as Record<string, unknown> | undefined)
          : undefined;
      const sessionId = typeof record?.sessionId === 'string' ? record.sessionId : undefined;
      const session = sessionId ? await db.sessions.get(sessionId) : undefined;
      return { copy, record, session };
    }),
  );
}
