import { afterEach, describe, expect, test } from 'vitest';
import { formatHlc } from '../../../utils/data/hlc';
import { updateGoal } from '../../../utils/data/records/goals';
import { addNote } from '../../../utils/data/records/notes';
import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { exportBackup } from '../../../utils/export/backup/export';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  downloadName,
  stringifyBackup,
} from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { closeStores, makeStore, pairInput, uuidCounter } from '../helpers';
import {
  fixture,
  goodFile,
  MOVED_NOTE,
  PRIVATE_ANSWER,
  PRIVATE_NOTE,
  realisticPair,
  records,
  SHARED_TABLES,
} from './setup';

afterEach(closeStores);

describe('backup round trip', () => {
  test('restores every record into a fresh browser, deletions included', async () => {
    const source = makeStore();
    await realisticPair(source);
    const text = stringifyBackup(await exportBackup(source, { includePrivate: true }));
    const target = makeStore({ deviceId: 'device-b', newId: uuidCounter() });
    const result = await importBackupText(target, text);
    expect(result.ok).toBe(true);
    expect(await records(target)).toEqual(await records(source));
    expect((await target.db.goals.toArray()).filter((g) => g.deleted)).toHaveLength(1);
    // Search finds the restored text: the index is rebuilt as any write builds it.
    expect(await target.db.searchIndex.toArray()).toEqual(await source.db.searchIndex.toArray());
    expect(await target.privateDb.searchIndex.toArray()).toEqual(
      await source.privateDb.searchIndex.toArray(),
    );
    if (!result.ok) return;
    expect(result.summary.total.updated + result.summary.total.unchanged).toBe(0);
    expect(result.summary.tables.goals).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(result.summary.private.notes).toEqual({ added: 2, updated: 0, unchanged: 0 });
  });

  test('without private notes, no private word is anywhere in the file', async () => {
    const store = makeStore();
    await realisticPair(store);
    const backup = await exportBackup(store, { includePrivate: false });
    const text = stringifyBackup(backup);
    expect(backup.private).toBeUndefined();
    expect(text).not.toContain('"private"');
    for (const secret of [PRIVATE_NOTE, PRIVATE_ANSWER, MOVED_NOTE, 'promotion', 'nervous']) {
      expect(text).not.toContain(secret);
    }
    // The shared part is complete all the same.
    expect(text).toContain('submit to the spring conference');
    expect(text).toContain('Clear next steps');
  });

  test('with private notes ticked, they come back into the private database only', async () => {
    const source = makeStore();
    await realisticPair(source);
    const text = stringifyBackup(await exportBackup(source, { includePrivate: true }));
    expect(text).toContain(PRIVATE_NOTE);
    const target = makeStore();
    expect((await importBackupText(target, text)).ok).toBe(true);
    const privateBodies = (await target.privateDb.notes.toArray()).map((n) => n.body).sort();
    expect(privateBodies).toEqual([PRIVATE_NOTE, MOVED_NOTE].sort());
    expect((await target.privateDb.reflections.toArray()).map((r) => r.answer)).toEqual([
      PRIVATE_ANSWER,
    ]);
    const sharedDb: Record<string, unknown[]> = {};
    for (const table of target.db.tables) sharedDb[table.name] = await table.toArray();
    const sharedText = JSON.stringify(sharedDb);
    for (const secret of [PRIVATE_NOTE, PRIVATE_ANSWER, MOVED_NOTE, 'promotion', 'nervous']) {
      expect(sharedText).not.toContain(secret);
    }
  });

  test('exports only the pairs asked for, and that file restores on its own', async () => {
    const store = makeStore();
    const { pair } = await realisticPair(store);
    const other = await createPair(store, pairInput({ title: 'Other pair' }));
    const otherSession = await ensurePlannedSession(store, other.id);
    await addNote(store, otherSession, 'private', 'About the other pair');
    const backup = await exportBackup(store, { includePrivate: true, pairIds: [pair.id] });
    const text = stringifyBackup(backup);
    expect(text).not.toContain('Other pair');
    expect(text).not.toContain('About the other pair');
    expect(text).not.toContain(other.id);
    const target = makeStore();
    expect((await importBackupText(target, text)).ok).toBe(true);
    expect((await target.db.pairs.toArray()).map((p) => p.title)).toEqual([pair.title]);
  });

  test('never exports sync secrets or local bookkeeping', async () => {
    const store = makeStore();
    const { pair } = await realisticPair(store);
    await store.db.syncSpaces.put({
      id: pair.id,
      sidecarUrl: 'https://sync.example.org',
      spaceId: 'space',
      deviceId: 'device',
      deviceToken: 'SECRET-DEVICE-TOKEN',
      key: {} as CryptoKey,
      cursor: 3,
      lastMutationId: 4,
    });
    const backup = await exportBackup(store, { includePrivate: true });
    const text = stringifyBackup(backup);
    expect(text).not.toContain('SECRET-DEVICE-TOKEN');
    expect(Object.keys(backup.tables).sort()).toEqual([...SHARED_TABLES].sort());
    expect(Object.keys(backup)).toEqual([
      'format',
      'version',
      'exportedAt',
      'app',
      'tables',
      'private',
    ]);
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: BACKUP_VERSION, app: 'Tandem' });
    expect(backup.exportedAt).toBe(new Date(store.now()).toISOString());
  });

  test('imported shared records are queued for sync and stamped like any write', async () => {
    const store = makeStore();
    const result = await importBackupText(store, fixture('version-1.json'));
    expect(result.ok).toBe(true);
    const file = goodFile();
    const sharedIds = SHARED_TABLES.flatMap((name) =>
      ((file.tables[name] ?? []) as Array<{ id: string }>).map((r) => `${name}:${r.id}`),
    );
    expect((await store.db.outbox.toArray()).map((row) => row.id).sort()).toEqual(sharedIds.sort());
    const goal = file.tables.goals[0];
    expect((await store.db.syncMeta.get(`goals:${goal.id}`))?.fields.progress).toBe(goal.updatedAt);
    const noteWords = (await store.db.searchIndex.toArray()).filter((e) =>
      e.words.includes('chairs'),
    );
    expect(noteWords.map((e) => e.recordId)).toEqual([file.tables.notes[0].id]);
    // The private note is neither queued nor indexed in the shared database.
    const privateId = file.private.notes[0].id;
    expect(await store.db.outbox.where('id').equals(`notes:${privateId}`).count()).toBe(0);
    expect((await store.privateDb.searchIndex.get(`notes:${privateId}`))?.words).toContain(
      'nervous',
    );
  });

  test('an edit made after importing a file from a clock running ahead still wins', async () => {
    const store = makeStore();
    const ahead = formatHlc({ wall: store.now() + 3_600_000, counter: 0, deviceId: 'laptop' });
    const file = goodFile();
    file.tables.goals[0].updatedAt = ahead;
    expect((await importBackupText(store, JSON.stringify(file))).ok).toBe(true);
    const edited = await updateGoal(store, file.tables.goals[0].id, { progress: 60 });
    expect(edited.updatedAt > ahead).toBe(true);
  });

  test('names the download after the day', () => {
    expect(downloadName(new Date(2026, 0, 5, 23, 59))).toBe('tandem-backup-2026-01-05.json');
  });
});

describe('hostile but valid text', () => {
  test('HTML and script in text fields import as literal text', async () => {
    const store = makeStore();
    const file = goodFile();
    const script = '<script>alert("x")</script>';
    const image = '<img src=x onerror=alert(1)>';
    const link = '[click](javascript:alert(1))';
    file.tables.goals[0].title = image;
    file.tables.notes[0].body = `${script}\n# not a heading\n${link}`;
    file.tables.pairs[0].members[0].name = `${image} & co`;
    const result = await importBackupText(store, JSON.stringify(file));
    expect(result.ok).toBe(true);
    expect((await store.db.goals.get(file.tables.goals[0].id))?.title).toBe(image);
    expect((await store.db.notes.get(file.tables.notes[0].id))?.body).toBe(
      `${script}\n# not a heading\n${link}`,
    );
    expect((await store.db.pairs.get(file.tables.pairs[0].id))?.members[0]?.name).toBe(
      `${image} & co`,
    );
  });
});
