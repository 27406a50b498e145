import { afterEach, describe, expect, test } from 'vitest';
import { createPair, updatePair } from '../../../utils/data/records/pairs';
import { closeStores, makeStore, pairInput } from '../helpers';
import { everything, storeWithPair } from './setup';

afterEach(closeStores);

describe('pairs', () => {
  test('creates a pair that starts active, with nothing linked yet', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Ada and Grace' }));
    expect(await store.db.pairs.get(pair.id)).toEqual({
      ...pairInput({ title: 'Ada and Grace' }),
      id: pair.id,
      archived: false,
      matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
      createdAt: store.now(),
      updatedAt: pair.updatedAt,
      deleted: false,
      deviceId: 'device-a',
    });
  });

  test('refuses a pair without a title and stores nothing', async () => {
    const store = makeStore();
    const before = await everything(store);
    await expect(createPair(store, pairInput({ title: '' }))).rejects.toThrow(
      'Title: Give the pair a title',
    );
    expect(await everything(store)).toEqual(before);
  });

  test('saves changes to a pair and keeps what was not changed', async () => {
    const { store, pair } = await storeWithPair();
    store.advance(60_000);
    await updatePair(store, pair.id, { title: 'Ada & Grace', cadenceDays: 7 });
    const stored = await store.db.pairs.get(pair.id);
    expect(stored).toMatchObject({
      title: 'Ada & Grace',
      cadenceDays: 7,
      createdAt: pair.createdAt,
    });
    expect(stored?.members).toEqual(pair.members);
    expect(stored && stored.updatedAt > pair.updatedAt).toBe(true);
  });

  test('keeps the stored pair when a change is invalid', async () => {
    const { store, pair } = await storeWithPair();
    await expect(updatePair(store, pair.id, { cadenceDays: 0 })).rejects.toThrow(/Meeting cadence/);
    expect(await store.db.pairs.get(pair.id)).toEqual(pair);
  });

  test('says so when the pair to change is gone', async () => {
    const store = makeStore();
    await expect(updatePair(store, 'missing', { title: 'x' })).rejects.toThrow(
      'That pair no longer exists.',
    );
  });

  test('archives a pair without deleting it', async () => {
    const { store, pair } = await storeWithPair();
    await updatePair(store, pair.id, { archived: true });
    expect(await store.db.pairs.get(pair.id)).toMatchObject({
      archived: true,
      deleted: false,
      title: pair.title,
    });
  });
});
