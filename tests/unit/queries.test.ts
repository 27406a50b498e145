import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../utils/data/records/agenda-items';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import { activePairs, isShared, pendingByPair, pendingOf } from '../../utils/queries/pairs';
import { sharedPairsShown } from '../../utils/queries/sync-spaces';
import { SyncEngine } from '../../utils/sync/engine/sync-engine';
import { closeStores, makeStore, pairInput } from './helpers';
import { fakeSidecar, SIDECAR } from './sync/fake-sidecar';

afterEach(closeStores);

describe('reads about pairs', () => {
  test('active pairs come in one order: title, then when made, then id; deleted ones never', async () => {
    const store = makeStore();
    const b = await createPair(store, pairInput({ title: 'Ben and Cleo' }));
    store.advance(1000);
    const a2 = await createPair(store, pairInput({ title: 'Ana and Ben' }));
    store.advance(-5000);
    const a1 = await createPair(store, pairInput({ title: 'Ana and Ben' }));
    const gone = await createPair(store, pairInput({ title: 'Aaron' }));
    await store.db.pairs.update(gone.id, { deleted: true });
    expect((await activePairs(store.db)).map((p) => p.id)).toEqual([a1.id, a2.id, b.id]);
  });

  test('pending changes are counted per pair, and a pair is shared only once it is', async () => {
    const store = makeStore();
    const sidecar = fakeSidecar();
    const one = await createPair(store, pairInput({ title: 'One' }));
    const two = await createPair(store, pairInput({ title: 'Two' }));
    expect(await isShared(store.db, one.id)).toBe(false);
    const engine = new SyncEngine(store, { fetch: sidecar.fetch });
    await engine.sharePair(one.id, SIDECAR, 'Laptop');
    expect(await isShared(store.db, one.id)).toBe(true);
    expect(await isShared(store.db, two.id)).toBe(false);
    // The options page sees where it is shared and that invites are out: never the token or key.
    expect(await sharedPairsShown(store.db)).toEqual([
      { pairId: one.id, sidecarUrl: SIDECAR, waiting: null, inviting: true, integrity: null },
    ]);
    const queued = await pendingOf(store.db, one.id);
    expect(queued).toBeGreaterThan(0);
    await addAgendaItem(store, await ensurePlannedSession(store, one.id), 'New item', 'mentor');
    expect(await pendingOf(store.db, one.id)).toBeGreaterThan(queued);
    const counts = await pendingByPair(store.db);
    expect(counts[one.id]).toBe(await pendingOf(store.db, one.id));
    expect(counts[two.id] ?? 0).toBe(await pendingOf(store.db, two.id));
    await engine.push(one.id);
    expect(await pendingOf(store.db, one.id)).toBe(0);
    expect(await pendingByPair(store.db)).not.toHaveProperty(one.id);
  });
});
