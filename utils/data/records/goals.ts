import { moveItem, orderAfterLast } from '../../mentoring/order';
import { type Goal, goal } from '../../schema/goal';
import { parseRecord } from '../validate';
import { type Stamped, type Store, stamp } from './store';
import { patchInTx, patchRecord, putShared, sharedTx, tombstone } from './write';

export type GoalInput = Omit<Goal, Stamped | 'pairId' | 'order'>;

export async function addGoal(store: Store, pairId: string, input: GoalInput): Promise<Goal> {
  return sharedTx(store, ['goals'], async () => {
    const siblings = await liveGoals(store, pairId);
    const record = parseRecord(goal, {
      ...input,
      id: store.newId(),
      pairId,
      order: orderAfterLast(siblings),
      ...stamp(store),
    });
    await putShared(store, 'goals', record);
    return record;
  });
}

export function updateGoal(store: Store, id: string, changes: Partial<GoalInput>): Promise<Goal> {
  return patchRecord(store, 'goals', id, changes);
}

/** Mark a goal achieved: status achieved and progress full. */
export function completeGoal(store: Store, id: string): Promise<Goal> {
  return updateGoal(store, id, { status: 'achieved', progress: 100 });
}

export async function deleteGoal(store: Store, id: string): Promise<void> {
  await tombstone(store, 'goals', id);
}

/** Move a goal in its list: the pair's, or `within` (a group mentee's goals, by id). */
export async function moveGoal(
  store: Store,
  id: string,
  delta: number,
  within?: readonly string[],
): Promise<void> {
  await sharedTx(store, ['goals'], async () => {
    const target = await store.db.goals.get(id);
    if (!target) return;
    const siblings = (await liveGoals(store, target.pairId)).filter(
      (g) => !within || within.includes(g.id),
    );
    const changes = moveItem(siblings, id, delta);
    for (const { id: changedId, order } of changes) {
      await patchInTx(store, 'goals', changedId, { order });
    }
  });
}

/** The pair's goals that are not deleted (sessions record their progress when held). */
export async function liveGoals(store: Store, pairId: string): Promise<Goal[]> {
  return store.db.goals
    .where('pairId')
    .equals(pairId)
    .filter((g) => !g.deleted)
    .toArray();
}
