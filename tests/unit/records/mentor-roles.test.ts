import { afterEach, describe, expect, test } from 'vitest';
import {
  addIntroduction,
  removeIntroduction,
  updateIntroduction,
} from '../../../utils/data/records/introductions';
import { addCustomPrompt } from '../../../utils/data/records/prompts';
import { saveRoleNote, setRoleNoteVisibility } from '../../../utils/data/records/role-notes';
import { holdSession, undoHoldSession } from '../../../utils/data/records/sessions';
import { introductionsOf } from '../../../utils/queries/introductions';
import { pairRoleNotesOf, roleNotesOf } from '../../../utils/queries/role-notes';
import { closeStores } from '../helpers';
import { storeWithSession } from './setup';

afterEach(closeStores);

const intro = { who: ' Dana Reyes ', org: 'Platform team', why: 'Ran the migration', followUp: '' };

describe('introductions', () => {
  test('adds an introduction as suggested, shared, with its outbox row and search words', async () => {
    const { store, session } = await storeWithSession();
    const record = await addIntroduction(store, session, intro);
    expect(await store.db.introductions.get(record.id)).toMatchObject({
      who: 'Dana Reyes',
      status: 'suggested',
      sessionId: session.id,
      closedInSessionId: null,
    });
    expect(await store.db.outbox.get(`introductions:${record.id}`)).toBeDefined();
    expect((await store.db.searchIndex.get(`introductions:${record.id}`))?.words).toEqual(
      expect.arrayContaining(['dana', 'migration']),
    );
  });

  test('refuses an introduction without a name', async () => {
    const { store, session } = await storeWithSession();
    await expect(addIntroduction(store, session, { ...intro, who: '  ' })).rejects.toThrow();
    expect(await store.db.introductions.count()).toBe(0);
  });

  test('records the session an introduction was closed in, and clears it when reopened', async () => {
    const { store, session } = await storeWithSession();
    const record = await addIntroduction(store, session, intro);
    await updateIntroduction(store, record.id, { status: 'introduced' }, session.id);
    expect((await store.db.introductions.get(record.id))?.closedInSessionId).toBeNull();
    await updateIntroduction(store, record.id, { status: 'met' }, session.id);
    expect((await store.db.introductions.get(record.id))?.closedInSessionId).toBe(session.id);
    await updateIntroduction(store, record.id, { status: 'suggested' }, session.id);
    expect((await store.db.introductions.get(record.id))?.closedInSessionId).toBeNull();
  });

  test('an introduction agreed in the next session keeps "session held" from being undone', async () => {
    const { store, session } = await storeWithSession();
    const next = await holdSession(store, session.id, 14);
    await addIntroduction(store, next, intro);
    await expect(undoHoldSession(store, session.id, next.id)).rejects.toThrow();
    expect((await store.db.sessions.get(next.id))?.deleted).toBe(false);
  });

  test('a removed introduction leaves a tombstone and is not read', async () => {
    const { store, pair, session } = await storeWithSession();
    const record = await addIntroduction(store, session, intro);
    await removeIntroduction(store, record.id);
    expect((await store.db.introductions.get(record.id))?.deleted).toBe(true);
    expect((await introductionsOf(store.db, pair.id)).introductions).toEqual([]);
  });
});

describe('custom prompts tagged with roles', () => {
  test('keeps the roles a custom prompt serves, in order', async () => {
    const { store, pair } = await storeWithSession();
    const prompt = await addCustomPrompt(store, pair.id, {
      text: 'Who should you meet next?',
      phase: 'live',
      role: 'mentor',
      theme: 'network',
      mentorRoles: ['connector', 'advisor'],
    });
    expect((await store.db.customPrompts.get(prompt.id))?.mentorRoles).toEqual([
      'connector',
      'advisor',
    ]);
  });
});

describe('role notes', () => {
  test('a new role note is private: in the private database only', async () => {
    const { store, session } = await storeWithSession();
    const note = await saveRoleNote(store, session, 'mentee', undefined, {
      used: ['supporter', 'advisor'],
      note: 'needed more push',
    });
    expect(await store.privateDb.roleNotes.get(note.id)).toMatchObject({
      used: ['advisor', 'supporter'],
      needed: [],
      author: 'mentee',
      visibility: 'private',
    });
    expect(await store.db.roleNotes.count()).toBe(0);
    expect(await store.db.outbox.get(`roleNotes:${note.id}`)).toBeUndefined();
  });

  test('saving again changes the same note', async () => {
    const { store, session } = await storeWithSession();
    const note = await saveRoleNote(store, session, 'mentor', undefined, { used: ['challenger'] });
    await saveRoleNote(store, session, 'mentor', note, { needed: ['connector'] });
    expect(await roleNotesOf(store, session.id)).toEqual([
      expect.objectContaining({ id: note.id, used: ['challenger'], needed: ['connector'] }),
    ]);
  });

  test('sharing moves the note to the shared database; taking it back leaves an empty tombstone', async () => {
    const { store, pair, session } = await storeWithSession();
    const SECRET = 'I felt unheard';
    const note = await saveRoleNote(store, session, 'mentee', undefined, {
      needed: ['supporter'],
      note: SECRET,
    });
    const shared = await setRoleNoteVisibility(store, note.id, 'private', 'shared');
    expect(shared.visibility).toBe('shared');
    expect(await store.privateDb.roleNotes.count()).toBe(0);
    expect(await store.db.roleNotes.get(note.id)).toMatchObject({ note: SECRET, deleted: false });
    expect(await store.db.outbox.get(`roleNotes:${note.id}`)).toBeDefined();
    await saveRoleNote(store, session, 'mentee', shared, { used: ['advisor'] });
    expect((await store.db.roleNotes.get(note.id))?.used).toEqual(['advisor']);

    await setRoleNoteVisibility(store, note.id, 'shared', 'private');
    const tomb = await store.db.roleNotes.get(note.id);
    expect(tomb).toMatchObject({ deleted: true, used: [], needed: [], note: '' });
    expect(JSON.stringify(await store.db.roleNotes.toArray())).not.toContain(SECRET);
    expect(await store.privateDb.roleNotes.get(note.id)).toMatchObject({ note: SECRET });
    const { notes } = await pairRoleNotesOf(store, pair.id);
    expect(notes.map((n) => n.visibility)).toEqual(['private']);
  });

  test('reads the balance notes with the pair’s held sessions', async () => {
    const { store, pair, session } = await storeWithSession();
    await holdSession(store, session.id, 14);
    await saveRoleNote(store, session, 'mentor', undefined, { used: ['advisor'] });
    const data = await pairRoleNotesOf(store, pair.id);
    expect(data.notes).toHaveLength(1);
    expect(data.sessions.find((s) => s.id === session.id)?.status).toBe('held');
  });
});
