import { afterEach, describe, expect, test } from 'vitest';
import { exportBackup } from '../../../utils/export/backup/export';
import { type Backup, stringifyBackup } from '../../../utils/export/backup/format';
import { importBackup, importBackupText } from '../../../utils/export/backup/import';
import { parseBackup } from '../../../utils/export/backup/parse';
import { closeStores, makeStore, type TestStore } from '../helpers';
import { PRIVATE_WORDS, storeWithEveryIssue15Kind } from './issue-15-records';
import { fixture } from './setup';

afterEach(closeStores);

/* Backup format version 2: issue 15's records (tests/fixtures/backups/version-2.json). */

function parsed(text: string): Backup {
  const result = parseBackup(text);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.backup;
}

/** The records of both databases that a backup carries, by table. */
async function records(store: TestStore) {
  const rows: Record<string, unknown[]> = {};
  for (const name of Object.keys(parsed(fixture('version-2.json')).tables)) {
    rows[name] = await store.db.table(name).toArray();
  }
  for (const name of ['notes', 'reflections', 'roleNotes', 'learnings']) {
    rows[`private.${name}`] = await store.privateDb.table(name).toArray();
  }
  rows.feedbackKeys = await store.db.feedbackKeys.toArray();
  return rows;
}

describe('backup format version 2', () => {
  test('the version 2 fixture holds a record of every kind issue 15 added', () => {
    const { tables, private: own } = parsed(fixture('version-2.json'));
    for (const name of [
      'feedback',
      'introductions',
      'roleNotes',
      'learnings',
      'closings',
    ] as const) {
      expect(tables[name].length, name).toBeGreaterThan(0);
    }
    expect(own?.roleNotes).toHaveLength(1);
    expect(own?.learnings).toHaveLength(1);
    expect(own?.feedbackKeys).toHaveLength(1);
    expect(tables.goals[0]).toMatchObject({
      ownerIds: ['m1'],
      roleNeeds: ['challenger', 'supporter'],
      outcome: expect.any(String),
    });
    expect(tables.agendaItems.find((item) => item.suggestion)).toMatchObject({ authorId: 'm2' });
    expect(tables.pairs[0]).toMatchObject({
      phase: 'closing',
      agreement: { startDate: '2026-01-05', midpointDate: '2026-04-06', endDate: '2026-07-06' },
    });
  });

  test('round-trips: import, export, parse and import again give the same records', async () => {
    const file = parsed(fixture('version-2.json'));
    const first = makeStore({ deviceId: 'desktop' });
    expect(await importBackup(first, file)).toMatchObject({ ok: true });
    const text = stringifyBackup(await exportBackup(first, { includePrivate: true }));
    const again = parsed(text);
    expect(again.tables).toEqual(file.tables);
    expect(again.private).toEqual(file.private);
    const second = makeStore({ deviceId: 'tablet' });
    const result = await importBackupText(second, text);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) {
      expect(result.summary.private.learnings.added).toBe(1);
      expect(result.summary.private.roleNotes.added).toBe(1);
      expect(result.summary.tables.closings.added).toBe(1);
    }
    expect(await records(second)).toEqual(await records(first));
    // Every kind arrived, not just "nothing": the sets above are not empty.
    expect((await records(second)).feedbackKeys).toHaveLength(1);
    expect((await records(second))['private.learnings']).toHaveLength(1);
  });

  test('private learnings, role notes and feedback keys leave only when ticked', async () => {
    const { store } = await storeWithEveryIssue15Kind();
    const key = (await store.db.feedbackKeys.toArray())[0]?.key ?? '';
    expect(key).not.toBe('');
    const without = stringifyBackup(await exportBackup(store, { includePrivate: false }));
    for (const words of [...Object.values(PRIVATE_WORDS), key]) {
      expect(without).not.toContain(words);
    }
    expect(parsed(without).private).toBeUndefined();
    const restored = makeStore({ deviceId: 'restored' });
    expect(await importBackupText(restored, without)).toMatchObject({ ok: true });
    expect(await restored.privateDb.learnings.count()).toBe(0);
    expect(await restored.privateDb.roleNotes.count()).toBe(0);
    expect(await restored.db.feedbackKeys.count()).toBe(0);
    expect(await restored.db.learnings.count()).toBe(1);
  });

  test('ticked, they come back into the private database and this browser’s keys', async () => {
    const { store } = await storeWithEveryIssue15Kind();
    const text = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    for (const words of Object.values(PRIVATE_WORDS)) expect(text).toContain(words);
    const restored = makeStore({ deviceId: 'restored' });
    expect(await importBackupText(restored, text)).toMatchObject({ ok: true });
    expect(await restored.privateDb.learnings.toArray()).toEqual(
      await store.privateDb.learnings.toArray(),
    );
    expect(await restored.privateDb.roleNotes.toArray()).toEqual(
      await store.privateDb.roleNotes.toArray(),
    );
    expect(await restored.db.feedbackKeys.toArray()).toEqual(await store.db.feedbackKeys.toArray());
    // Private records stay private: none of them was put into the shared tables.
    expect(await restored.db.learnings.count()).toBe(1);
    expect(await restored.db.roleNotes.count()).toBe(1);
    expect(await restored.db.outbox.filter((row) => row.table === 'learnings').count()).toBe(1);
    // And the private learning is found by search on this browser only.
    const learning = (await restored.privateDb.learnings.toArray())[0];
    expect(await restored.privateDb.searchIndex.get(`learnings:${learning?.id}`)).toBeDefined();
  });

  test('a private learning in the shared tables, or a shared one among the private, is refused', () => {
    const file = JSON.parse(fixture('version-2.json'));
    file.tables.learnings.push(file.private.learnings[0]);
    file.private.roleNotes.push(file.tables.roleNotes[0]);
    const result = parseBackup(JSON.stringify(file));
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^Learning 2.*: a private record among the shared tables/),
      expect.stringMatching(/^Private role note 2.*: a shared record in the private section/),
    ]);
  });
});

describe('a learning written outside a session', () => {
  test('round-trips: its empty session points at nothing', async () => {
    const { addLearning } = await import('../../../utils/data/records/arc');
    const { storeWithPair } = await import('../records/setup');
    const { store, pair } = await storeWithPair();
    await addLearning(
      store,
      { pairId: pair.id, sessionId: '', authorRole: 'mentor', text: 'Listening first' },
      'shared',
    );
    await addLearning(store, {
      pairId: pair.id,
      sessionId: '',
      authorRole: 'mentee',
      text: 'Asking early',
    });
    const text = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    const target = makeStore({ deviceId: 'device-b' });
    expect(await importBackupText(target, text)).toMatchObject({ ok: true });
    expect((await target.db.learnings.toArray()).map((l) => l.text)).toEqual(['Listening first']);
    expect((await target.privateDb.learnings.toArray()).map((l) => l.text)).toEqual([
      'Asking early',
    ]);
  });
});
