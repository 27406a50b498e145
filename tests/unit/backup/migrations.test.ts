import { afterEach, describe, expect, test } from 'vitest';
import { BACKUP_VERSION } from '../../../utils/export/backup/format';
import { importBackup } from '../../../utils/export/backup/import';
import { parseBackup } from '../../../utils/export/backup/parse';
import { closeStores, makeStore } from '../helpers';
import { fixture } from './setup';

afterEach(closeStores);

describe('older backup versions', () => {
  test('a version 0 backup is migrated and imported', async () => {
    const store = makeStore();
    const parsed = parseBackup(fixture('version-0.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.version).toBe(BACKUP_VERSION);
    const result = await importBackup(store, parsed.backup);
    expect(result.ok).toBe(true);
    const pairs = await store.db.pairs.toArray();
    expect(pairs.map((p) => [p.title, p.cadenceDays])).toEqual([
      ['Lin and Sam', 14],
      ['Lin and Ravi', 28],
    ]);
    for (const pair of pairs) {
      expect(pair.matchRules).toEqual({ meetingCodes: [], eventIds: [], urls: [], keywords: [] });
      expect(pair).not.toHaveProperty('cadence');
    }
    expect(await store.db.notes.count()).toBe(1);
  });

  test('a version 0 backup with a cadence it cannot read says which', () => {
    const file = JSON.parse(fixture('version-0.json'));
    file.tables.pairs[1].cadence = 'fortnightly';
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        'Pair 2, “cadence”: "fortnightly" is not one of "weekly", "biweekly", "monthly"',
      ]),
    });
  });
});
