import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { makeStore, pairInput, type TestStore } from '../helpers';

/* What the record tests share: stores with a pair or a session in them, every row, a goal. */

/** Every row of every table of both databases. */
export async function everything(store: TestStore): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of store.db.tables) rows[`shared.${table.name}`] = await table.toArray();
  for (const table of store.privateDb.tables) rows[`private.${table.name}`] = await table.toArray();
  return rows;
}

export async function storeWithPair(options: Parameters<typeof makeStore>[0] = {}) {
  const store = makeStore(options);
  const pair = await createPair(store, pairInput());
  return { store, pair };
}

export async function storeWithSession() {
  const { store, pair } = await storeWithPair();
  const session = await ensurePlannedSession(store, pair.id);
  return { store, pair, session };
}

export const goalInput = (title: string) => ({
  title,
  why: '',
  measure: '',
  targetDate: '',
  status: 'active' as const,
  progress: 0,
});
