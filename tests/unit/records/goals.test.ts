import { afterEach, describe, expect, test } from 'vitest';
import {
  addGoal,
  completeGoal,
  deleteGoal,
  moveGoal,
  updateGoal,
} from '../../../utils/data/records/goals';
import { createPair } from '../../../utils/data/records/pairs';
import { byOrder } from '../../../utils/mentoring/order';
import type { Goal } from '../../../utils/schema/goal';
import { closeStores, pairInput, type TestStore } from '../helpers';
import { everything, goalInput, storeWithPair } from './setup';

afterEach(closeStores);

async function goalTitles(store: TestStore, pairId: string): Promise<string[]> {
  const goals = await store.db.goals.where('pairId').equals(pairId).toArray();
  return goals
    .filter((g) => !g.deleted)
    .sort(byOrder)
    .map((g) => g.title);
}

describe('goals', () => {
  test('appends each new goal after the others of its pair', async () => {
    const { store, pair } = await storeWithPair();
    const other = await createPair(store, pairInput({ title: 'Other pair' }));
    await addGoal(store, other.id, goalInput('Elsewhere'));
    const goals: Goal[] = [];
    for (const title of ['First', 'Second', 'Third'])
      goals.push(await addGoal(store, pair.id, goalInput(title)));
    expect(goals.map((g) => g.order)).toEqual([1, 2, 3]);
    expect(await goalTitles(store, pair.id)).toEqual(['First', 'Second', 'Third']);
  });

  test('moves a goal up and down', async () => {
    const { store, pair } = await storeWithPair();
    const [, second, third] = [
      await addGoal(store, pair.id, goalInput('A')),
      await addGoal(store, pair.id, goalInput('B')),
      await addGoal(store, pair.id, goalInput('C')),
    ];
    await moveGoal(store, third.id, -1);
    expect(await goalTitles(store, pair.id)).toEqual(['A', 'C', 'B']);
    await moveGoal(store, second.id, -1);
    await moveGoal(store, second.id, -1);
    expect(await goalTitles(store, pair.id)).toEqual(['B', 'A', 'C']);
    await moveGoal(store, second.id, 1);
    expect(await goalTitles(store, pair.id)).toEqual(['A', 'B', 'C']);
  });

  test('leaves everything as it is when the first goal moves up or the last moves down', async () => {
    const { store, pair } = await storeWithPair();
    const first = await addGoal(store, pair.id, goalInput('A'));
    const last = await addGoal(store, pair.id, goalInput('B'));
    const before = await everything(store);
    await moveGoal(store, first.id, -1);
    await moveGoal(store, last.id, 1);
    await moveGoal(store, 'missing', 1);
    expect(await everything(store)).toEqual(before);
  });

  test('marks a goal achieved at full progress', async () => {
    const { store, pair } = await storeWithPair();
    const goal = await addGoal(store, pair.id, { ...goalInput('Talk'), progress: 30 });
    await completeGoal(store, goal.id);
    expect(await store.db.goals.get(goal.id)).toMatchObject({ status: 'achieved', progress: 100 });
  });

  test('refuses progress above 100 and keeps the stored goal', async () => {
    const { store, pair } = await storeWithPair();
    const goal = await addGoal(store, pair.id, goalInput('Talk'));
    await expect(updateGoal(store, goal.id, { progress: 150 })).rejects.toThrow(/^Progress: /);
    expect(await store.db.goals.get(goal.id)).toEqual(goal);
  });

  test('deletes a goal as a tombstone that sync can carry, not by erasing the row', async () => {
    const { store, pair } = await storeWithPair();
    const goal = await addGoal(store, pair.id, goalInput('Talk'));
    await deleteGoal(store, goal.id);
    const stored = await store.db.goals.get(goal.id);
    expect(stored).toMatchObject({ id: goal.id, deleted: true });
    expect(stored && stored.updatedAt > goal.updatedAt).toBe(true);
    expect(await goalTitles(store, pair.id)).toEqual([]);
    await expect(updateGoal(store, goal.id, { title: 'Back' })).rejects.toThrow(
      'That goal no longer exists.',
    );
  });

  test('leaves deleted goals out when ordering', async () => {
    const { store, pair } = await storeWithPair();
    const a = await addGoal(store, pair.id, goalInput('A'));
    const b = await addGoal(store, pair.id, goalInput('B'));
    await deleteGoal(store, a.id);
    await moveGoal(store, b.id, -1); // B is first among the live goals: nothing to do
    expect((await store.db.goals.get(b.id))?.order).toBe(2);
    expect((await addGoal(store, pair.id, goalInput('C'))).order).toBe(3);
    expect(await goalTitles(store, pair.id)).toEqual(['B', 'C']);
  });
});
