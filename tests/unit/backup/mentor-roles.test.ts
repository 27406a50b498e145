import { afterEach, describe, expect, test } from 'vitest';
import { addIntroduction, updateIntroduction } from '../../../utils/data/records/introductions';
import { saveRoleNote, setRoleNoteVisibility } from '../../../utils/data/records/role-notes';
import { exportBackup } from '../../../utils/export/backup/export';
import { stringifyBackup } from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { closeStores, makeStore, uuidCounter } from '../helpers';
import { storeWithSession } from '../records/setup';
import { goodFile } from './setup';

afterEach(closeStores);

const SECRET = 'The mentor lectured more than listened';

async function withMentorRoles() {
  const { store, pair, session } = await storeWithSession();
  const intro = await addIntroduction(store, session, {
    who: 'Dana Reyes',
    org: 'Platform team',
    why: 'Ran the migration',
    followUp: '2026-02-01',
  });
  await updateIntroduction(store, intro.id, { status: 'met' }, session.id);
  const shared = await saveRoleNote(store, session, 'mentor', undefined, { used: ['advisor'] });
  await setRoleNoteVisibility(store, shared.id, 'private', 'shared');
  await saveRoleNote(store, session, 'mentee', undefined, {
    needed: ['challenger'],
    note: SECRET,
  });
  return { store, pair, session };
}

async function tables(store: ReturnType<typeof makeStore>) {
  return {
    introductions: await store.db.introductions.toArray(),
    roleNotes: await store.db.roleNotes.toArray(),
    privateRoleNotes: await store.privateDb.roleNotes.toArray(),
  };
}

describe('introductions and role notes in the JSON backup', () => {
  test('a backup with private records restores introductions and both kinds of role notes', async () => {
    const { store } = await withMentorRoles();
    const text = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    const target = makeStore({ deviceId: 'device-b', newId: uuidCounter() });
    const result = await importBackupText(target, text);
    expect(result).toMatchObject({ ok: true });
    expect(await tables(target)).toEqual(await tables(store));
    expect((await tables(target)).privateRoleNotes).toHaveLength(1);
    if (result.ok) expect(result.summary.private.roleNotes.added).toBe(1);
    expect(
      await target.db.searchIndex.get(
        `introductions:${(await store.db.introductions.toArray())[0]?.id}`,
      ),
    ).toBeDefined();
  });

  test('without private records, no private role note is in the file', async () => {
    const { store } = await withMentorRoles();
    const text = stringifyBackup(await exportBackup(store, { includePrivate: false }));
    expect(text).not.toContain(SECRET);
    expect(text).toContain('Dana Reyes');
  });

  test('a file from before the mentor’s roles still imports', async () => {
    const target = makeStore();
    const result = await importBackupText(target, JSON.stringify(goodFile()));
    expect(result).toMatchObject({ ok: true });
    expect(await target.db.introductions.count()).toBe(0);
  });
});
