import { linkRules } from '../../mentoring/match-pair';
import type { PageContext } from '../../schema/page-context';
import { type Pair, pair } from '../../schema/pair';
import { parseRecord } from '../validate';
import { type Stamped, type Store, stamp } from './store';
import { patchRecord, putShared, sharedTx } from './write';

export type PairInput = Omit<Pair, Stamped | 'createdAt' | 'archived' | 'matchRules'>;

export async function createPair(store: Store, input: PairInput): Promise<Pair> {
  const record = parseRecord(pair, {
    ...input,
    id: store.newId(),
    ...stamp(store),
    archived: false,
    matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
    createdAt: store.now(),
  });
  await sharedTx(store, ['pairs'], () => putShared(store, 'pairs', record));
  return record;
}

export function updatePair(
  store: Store,
  id: string,
  changes: Partial<Omit<Pair, Stamped>>,
): Promise<Pair> {
  return patchRecord(store, 'pairs', id, changes);
}

/** Remember this meeting for the pair: next time it is recognised at once. */
export function linkMeetingToPair(store: Store, pair: Pair, context: PageContext): Promise<Pair> {
  return updatePair(store, pair.id, { matchRules: linkRules(pair, context) });
}
