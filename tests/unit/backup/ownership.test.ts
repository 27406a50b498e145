import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../../utils/data/records/agenda-items';
import { addGoal } from '../../../utils/data/records/goals';
import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { exportBackup } from '../../../utils/export/backup/export';
import { stringifyBackup } from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { goalOwnerNames } from '../../../utils/mentoring/goal-owners';
import { closeStores, makeStore, pairInput, uuidCounter } from '../helpers';
import { goalInput } from '../records/setup';
import { fixture } from './setup';

afterEach(closeStores);

describe('backups and who owns what', () => {
  test('a backup from before goals had owners imports, and its goals read as the mentee’s', async () => {
    const store = makeStore();
    const result = await importBackupText(store, fixture('version-1.json'));
    expect(result.ok).toBe(true);
    const [pair] = await store.db.pairs.toArray();
    const goals = await store.db.goals.toArray();
    expect(pair).toBeDefined();
    expect(goals.length).toBeGreaterThan(0);
    for (const goal of goals) {
      expect(goal.ownerIds).toBeUndefined();
      if (pair) expect(goalOwnerNames(goal, pair)).toBe('Lin');
    }
    const agenda = await store.db.agendaItems.toArray();
    expect(agenda.every((item) => item.suggestion === undefined)).toBe(true);
  });

  test('goal owners, suggestions and authors come back from a backup', async () => {
    const source = makeStore();
    const pair = await createPair(source, pairInput());
    const session = await ensurePlannedSession(source, pair.id);
    await addGoal(source, pair.id, { ...goalInput('Lead a retro'), ownerIds: ['m1'] });
    await addAgendaItem(source, session, 'Pair on a design', 'mentor', {
      authorId: 'm2',
      suggestion: true,
    });
    const text = stringifyBackup(await exportBackup(source, { includePrivate: false }));
    const target = makeStore({ deviceId: 'device-b', newId: uuidCounter() });
    expect((await importBackupText(target, text)).ok).toBe(true);
    expect((await target.db.goals.toArray())[0]?.ownerIds).toEqual(['m1']);
    expect((await target.db.agendaItems.toArray())[0]).toMatchObject({
      authorId: 'm2',
      suggestion: true,
    });
  });
});
