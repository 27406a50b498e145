import { afterEach, describe, expect, test } from 'vitest';
import { BACKUP_VERSION } from '../../../utils/export/backup/format';
import { importBackup } from '../../../utils/export/backup/import';
import { migrations } from '../../../utils/export/backup/migrations';
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

  test('a version 1 file imports into today’s tables, inventing nothing for the new fields', async () => {
    const store = makeStore();
    const text = fixture('version-1.json');
    expect(JSON.parse(text).version).toBe(1);
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.backup.version).toBe(BACKUP_VERSION);
    expect(BACKUP_VERSION).toBe(3);
    for (const name of [
      'feedback',
      'introductions',
      'roleNotes',
      'learnings',
      'closings',
    ] as const) {
      expect(parsed.backup.tables[name]).toEqual([]);
    }
    const result = await importBackup(store, parsed.backup);
    expect(result).toMatchObject({ ok: true });
    if (result.ok)
      expect(result.summary.private.learnings).toEqual({ added: 0, updated: 0, unchanged: 0 });
    const goals = await store.db.goals.toArray();
    expect(goals.length).toBeGreaterThan(0);
    for (const goal of goals) {
      // Absent means the model's default owner (utils/mentoring/goal-owners.ts).
      expect(goal).not.toHaveProperty('ownerIds');
      expect(goal).not.toHaveProperty('outcome');
    }
    const [pair] = await store.db.pairs.toArray();
    expect(pair).not.toHaveProperty('phase');
    expect(pair?.agreement).not.toHaveProperty('midpointDate');
    expect(await store.db.agendaItems.filter((item) => item.suggestion !== undefined).count()).toBe(
      0,
    );
    expect(await store.db.pairs.count()).toBe(1);
    expect(await store.privateDb.notes.count()).toBe(1);
  });

  test('migration 1 → 2 only stamps the version', () => {
    const file = JSON.parse(fixture('version-1.json'));
    expect(migrations[1]?.(file, () => {})).toEqual({ ...file, version: 2 });
  });

  test('migration 2 → 3 only stamps the version, and a version 2 file has no programmes', () => {
    const file = JSON.parse(fixture('version-2.json'));
    expect(migrations[2]?.(file, () => {})).toEqual({ ...file, version: 3 });
    const parsed = parseBackup(fixture('version-2.json'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.backup.version).toBe(3);
    expect(parsed.backup.tables.programmeEnrolments).toEqual([]);
    expect(parsed.backup.tables.programmeReceipts).toEqual([]);
  });

  test('a file from a newer Tandem is refused, saying so in words', () => {
    const file = JSON.parse(fixture('version-2.json'));
    file.version = 4;
    expect(parseBackup(JSON.stringify(file))).toEqual({
      ok: false,
      errors: [
        'This backup was made by a newer Tandem (backup format 4; this one reads up to 3). Update Tandem, then import the file again.',
      ],
    });
  });
});
