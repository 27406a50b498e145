import { afterEach, describe, expect, test } from 'vitest';
import { updateActionItem } from '../../../utils/data/records/action-items';
import { deleteGoal, updateGoal } from '../../../utils/data/records/goals';
import { addNote, saveNoteBody, setNoteVisibility } from '../../../utils/data/records/notes';
import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { exportBackup } from '../../../utils/export/backup/export';
import { BACKUP_FORMAT, stringifyBackup } from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { closeStores, makeStore, pairInput } from '../helpers';
import { dump, goodFile, realisticPair } from './setup';

afterEach(closeStores);

describe('merging without duplicates', () => {
  test('importing the same file twice adds nothing the second time', async () => {
    const source = makeStore();
    await realisticPair(source);
    const text = stringifyBackup(await exportBackup(source, { includePrivate: true }));
    const target = makeStore();
    const first = await importBackupText(target, text);
    const afterFirst = await dump(target);
    const second = await importBackupText(target, text);
    expect(await dump(target)).toBe(afterFirst);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.summary.total).toEqual({
      added: 0,
      updated: 0,
      unchanged: first.summary.total.added,
    });
  });

  test('importing a backup into the browser it came from changes nothing', async () => {
    const store = makeStore();
    await realisticPair(store);
    const text = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    const before = await dump(store);
    const result = await importBackupText(store, text);
    expect(result.ok && result.summary.total.added + result.summary.total.updated).toBe(0);
    expect(await dump(store)).toBe(before);
  });

  test('an older backup never undoes newer edits', async () => {
    const store = makeStore();
    const { speak, shared } = await realisticPair(store);
    const older = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    store.advance(60_000);
    await updateGoal(store, speak.id, { progress: 90 });
    await saveNoteBody(store, shared.id, 'shared', 'Decision: submit in autumn instead');
    const result = await importBackupText(store, older);
    expect((await store.db.goals.get(speak.id))?.progress).toBe(90);
    expect((await store.db.notes.get(shared.id))?.body).toBe('Decision: submit in autumn instead');
    expect(result.ok && result.summary.tables.goals).toEqual({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  test('a newer backup brings its edits and deletions over older copies', async () => {
    const source = makeStore();
    const { speak, action } = await realisticPair(source);
    const older = stringifyBackup(await exportBackup(source, { includePrivate: false }));
    source.advance(60_000);
    await updateGoal(source, speak.id, { progress: 100, status: 'achieved' });
    await deleteGoal(source, speak.id);
    await updateActionItem(source, action.id, { text: 'Draft and send the abstract' });
    const newer = stringifyBackup(await exportBackup(source, { includePrivate: false }));
    const target = makeStore();
    await importBackupText(target, older);
    const result = await importBackupText(target, newer);
    expect(await target.db.goals.get(speak.id)).toMatchObject({ deleted: true, progress: 100 });
    expect((await target.db.actionItems.get(action.id))?.text).toBe('Draft and send the abstract');
    expect(result.ok && result.summary.tables.goals).toEqual({
      added: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(result.ok && result.summary.tables.actionItems.updated).toBe(1);
    // A deleted goal leaves no words to find.
    expect(await target.db.searchIndex.get(`goals:${speak.id}`)).toBeUndefined();
  });

  test('a private note made shared since the backup does not come back as private', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'private', 'Ask about the budget');
    const older = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    store.advance(1000);
    await setNoteVisibility(store, note.id, 'private', 'shared');
    const result = await importBackupText(store, older);
    expect(await store.privateDb.notes.count()).toBe(0);
    expect(result.ok && result.summary.private.notes).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  test('a file holding only records of a pair already here imports', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const file = goodFile();
    const goal = { ...file.tables.goals[0], pairId: pair.id };
    const item = { ...file.tables.actionItems[0], pairId: pair.id, sessionId: session.id };
    const partial = {
      format: BACKUP_FORMAT,
      version: 1,
      tables: { goals: [goal], actionItems: [item] },
    };
    const result = await importBackupText(store, JSON.stringify(partial));
    expect(result.ok).toBe(true);
    expect(await store.db.goals.get(goal.id)).toEqual(goal);
    expect(await store.db.actionItems.get(item.id)).toEqual(item);
  });
});
