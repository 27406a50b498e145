import { unresolved } from '../utils/data/conflicts';
import { lazyView } from './lazy-view';
import { useLive, useStore } from './use-live';

/** The list and its choices load only when there is a conflict to show (rarely). */
const Conflicts = lazyView(() => import('./conflicts').then((m) => m.Conflicts));

/**
 * Where the pair's unresolved conflicts appear at the top of the panel. The first view only
 * counts them; the view that shows both versions and lets the user choose is a chunk of its own.
 */
export function ConflictsNotice({ pairId }: { pairId: string }) {
  const store = useStore();
  const count = useLive(
    async () =>
      unresolved(await store.db.conflicts.where('pairId').equals(pairId).toArray()).length,
    [store, pairId],
  );
  return count ? <Conflicts pairId={pairId} /> : null;
}
