import { afterEach, describe, expect, test } from 'vitest';
import { changesFor, resolvedText, textAt, unresolved } from '../../utils/data/conflicts';
import { addAgendaItem, updateAgendaItem } from '../../utils/data/records/agenda-items';
import { resolveConflict } from '../../utils/data/records/conflicts';
import { addGoal, updateGoal } from '../../utils/data/records/goals';
import { addNote, deleteNote, saveNoteBody } from '../../utils/data/records/notes';
import { createPair, updatePair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import type { ConflictEntry } from '../../utils/schema/local';
import { SyncEngine } from '../../utils/sync/engine/sync-engine';
import { closeStores, goalInput, makeStore, pairInput, type TestStore } from './helpers';
import { fakeSidecar, SIDECAR } from './sync/fake-sidecar';
import { joinAndLetIn } from './sync/join';

afterEach(closeStores);

describe('what each choice leaves in the record', () => {
  test('keep leaves the text as it is, other takes the other version', () => {
    expect(resolvedText('notes', 'body', 'Mine', 'Theirs', 'keep')).toBe('Mine');
    expect(resolvedText('notes', 'body', 'Mine', 'Theirs', 'other')).toBe('Theirs');
  });

  test('keep both puts the other version in a paragraph of its own in a note', () => {
    expect(resolvedText('notes', 'body', 'Alex drafts.\n', 'Sam reviews.', 'both')).toBe(
      'Alex drafts.\n\nSam reviews.',
    );
    expect(resolvedText('pairs', 'agreement.scope', 'Career', 'Career and health', 'both')).toBe(
      'Career\n\nCareer and health',
    );
  });

  test('keep both joins one-line texts with a slash', () => {
    expect(resolvedText('agendaItems', 'text', 'Launch plan', 'Stakeholder map', 'both')).toBe(
      'Launch plan / Stakeholder map',
    );
    expect(resolvedText('goals', 'title', 'Lead a launch', 'Lead the Q3 launch', 'both')).toBe(
      'Lead a launch / Lead the Q3 launch',
    );
  });

  test('keep both never doubles a text nor keeps an empty one', () => {
    expect(resolvedText('notes', 'body', 'Sam reviews. More', 'Sam reviews.', 'both')).toBe(
      'Sam reviews. More',
    );
    expect(resolvedText('notes', 'body', '  ', 'Sam reviews.', 'both')).toBe('Sam reviews.');
  });

  test('a part of the agreement is read and changed alone, the other parts kept', () => {
    const record = { agreement: { rhythm: 'Weekly', confidentiality: 'Ours', scope: 'Career' } };
    expect(textAt(record, 'agreement.rhythm')).toBe('Weekly');
    expect(textAt({ body: 'Hello' }, 'body')).toBe('Hello');
    expect(textAt({ body: 3 }, 'body')).toBe('');
    expect(changesFor(record, 'agreement.rhythm', 'Fortnightly')).toEqual({
      agreement: { rhythm: 'Fortnightly', confidentiality: 'Ours', scope: 'Career' },
    });
    expect(changesFor({ body: 'x' }, 'body', 'y')).toEqual({ body: 'y' });
  });

  test('the copies waiting for a choice are listed oldest first', () => {
    const copy = (id: string, createdAt: number, resolved = false): ConflictEntry => ({
      id,
      pairId: 'p',
      table: 'notes',
      recordId: 'n',
      field: 'body',
      text: id,
      fromDeviceId: 'd',
      createdAt,
      resolved,
    });
    expect(
      unresolved([copy('b', 2), copy('done', 1, true), copy('a', 1)]).map((c) => c.id),
    ).toEqual(['a', 'b']);
  });
});

/** Mentor and mentee sharing a pair through the in-memory sidecar, everything synced. */
async function sharedPair() {
  const sidecar = fakeSidecar();
  const mentor = makeStore({ deviceId: 'mentor-device' });
  const mentee = makeStore({ deviceId: 'mentee-device', newId: () => crypto.randomUUID() });
  const pair = await createPair(mentor, pairInput({ myRole: 'mentor' }));
  const session = await ensurePlannedSession(mentor, pair.id);
  const goal = await addGoal(mentor, pair.id, goalInput({ progress: 10 }));
  const item = await addAgendaItem(mentor, session, 'Launch plan', 'mentor');
  const note = await addNote(mentor, session, 'shared', 'Alex drafts the brief');
  const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
  const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
  const invite = await mentorSync.sharePair(pair.id, SIDECAR, 'Mentor laptop');
  await mentorSync.push(pair.id);
  await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee laptop');
  const syncAll = async () => {
    for (let round = 0; round < 2; round++) {
      await mentorSync.sync(pair.id);
      await menteeSync.sync(pair.id);
    }
  };
  return { mentor, mentee, pair, session, goal, item, note, syncAll };
}

/** Both write at once (the mentee a second later, so the mentee's text wins). */
async function bothWrite(
  mentor: TestStore,
  mentee: TestStore,
  write: (store: TestStore, who: 'mentor' | 'mentee') => Promise<unknown>,
) {
  mentor.advance(1000);
  mentee.advance(2000);
  await write(mentor, 'mentor');
  await write(mentee, 'mentee');
}

async function openCopies(store: TestStore) {
  return unresolved(await store.db.conflicts.toArray());
}

describe('resolving a conflict copy', () => {
  test('keep both on a note: the note holds both texts on both browsers, and no copy waits', async () => {
    const { mentor, mentee, note, pair, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, (store, who) =>
      saveNoteBody(store, note.id, 'shared', `${who}: Alex drafts the brief by Friday`),
    );
    await syncAll();
    const [copy] = await openCopies(mentee);
    expect(copy).toMatchObject({ recordId: note.id, field: 'body', pairId: pair.id });
    expect(copy?.text).toBe('mentor: Alex drafts the brief by Friday');
    expect(await openCopies(mentor)).toHaveLength(1);

    await resolveConflict(mentee, copy?.id ?? '', 'both');
    const both =
      'mentee: Alex drafts the brief by Friday\n\nmentor: Alex drafts the brief by Friday';
    expect((await mentee.db.notes.get(note.id))?.body).toBe(both);
    expect(await openCopies(mentee)).toHaveLength(0);
    // The copy is kept, marked resolved; the choice waits in the outbox.
    expect((await mentee.db.conflicts.get(copy?.id ?? ''))?.resolved).toBe(true);
    expect(await mentee.db.outbox.get(`notes:${note.id}`)).toBeDefined();

    await syncAll();
    expect((await mentor.db.notes.get(note.id))?.body).toBe(both);
    expect(await openCopies(mentor)).toHaveLength(0);
    expect((await mentor.db.conflicts.get(copy?.id ?? ''))?.resolved).toBe(true);
    // Told once: nothing more waits to be announced.
    expect((await mentee.db.syncMeta.get(`notes:${note.id}`))?.resolves).toEqual([]);
  });

  test('use the other on an agenda item: the losing text comes back everywhere', async () => {
    const { mentor, mentee, item, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, (store, who) =>
      updateAgendaItem(store, item.id, { text: `Launch plan (${who})` }),
    );
    await syncAll();
    const [copy] = await openCopies(mentor);
    expect(copy?.text).toBe('Launch plan (mentor)');
    expect((await mentor.db.agendaItems.get(item.id))?.text).toBe('Launch plan (mentee)');

    await resolveConflict(mentor, copy?.id ?? '', 'other');
    await syncAll();
    for (const store of [mentor, mentee]) {
      expect((await store.db.agendaItems.get(item.id))?.text).toBe('Launch plan (mentor)');
      expect(await openCopies(store)).toHaveLength(0);
    }
  });

  test('keep this version on a goal title: the text stays, and the other browser’s copy is settled too', async () => {
    const { mentor, mentee, goal, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, (store, who) =>
      updateGoal(store, goal.id, { title: `Lead the launch — ${who}` }),
    );
    await syncAll();
    const [copy] = await openCopies(mentee);
    await resolveConflict(mentee, copy?.id ?? '', 'keep');
    await syncAll();
    for (const store of [mentor, mentee]) {
      expect((await store.db.goals.get(goal.id))?.title).toBe('Lead the launch — mentee');
      expect(await openCopies(store)).toHaveLength(0);
    }
  });

  test('a part of the pair’s agreement is settled alone; the other parts keep their text', async () => {
    const { mentor, mentee, pair, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, async (store, who) => {
      const current = await store.db.pairs.get(pair.id);
      if (!current) throw new Error('no pair');
      await updatePair(store, pair.id, {
        agreement: { ...current.agreement, rhythm: `Weekly, says the ${who}` },
      });
    });
    await syncAll();
    const [copy] = await openCopies(mentor);
    expect(copy?.field).toBe('agreement.rhythm');
    await resolveConflict(mentor, copy?.id ?? '', 'both');
    await syncAll();
    for (const store of [mentor, mentee]) {
      expect((await store.db.pairs.get(pair.id))?.agreement).toEqual({
        rhythm: 'Weekly, says the mentee\n\nWeekly, says the mentor',
        confidentiality: 'Stays between us',
        scope: 'Career',
      });
      expect(await openCopies(store)).toHaveLength(0);
    }
  });

  test('a note deleted since comes back with the other text when that is the choice', async () => {
    const { mentor, mentee, note, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, (store, who) =>
      saveNoteBody(store, note.id, 'shared', `Rewritten by the ${who}`),
    );
    await syncAll();
    await deleteNote(mentee, note.id, 'shared');
    await syncAll();
    expect((await mentor.db.notes.get(note.id))?.deleted).toBe(true);
    const [copy] = await openCopies(mentor);
    await resolveConflict(mentor, copy?.id ?? '', 'other');
    await syncAll();
    for (const store of [mentor, mentee]) {
      expect(await store.db.notes.get(note.id)).toMatchObject({
        deleted: false,
        body: 'Rewritten by the mentor',
      });
    }
  });

  test('a version can settle only copies of its own record', async () => {
    const { mentor, mentee, note, item, pair, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, (store, who) =>
      saveNoteBody(store, note.id, 'shared', `Text of the ${who}`),
    );
    await syncAll();
    const [copy] = await openCopies(mentor);
    // The mentee's agenda item claims to settle the note's copy: it must not.
    await updateAgendaItem(mentee, item.id, { text: 'Launch plan, reworded' });
    const key = `agendaItems:${item.id}`;
    const meta = await mentee.db.syncMeta.get(key);
    if (!meta) throw new Error('no stamps');
    await mentee.db.syncMeta.put({ ...meta, resolves: [copy?.id ?? ''] });
    await syncAll();
    expect((await mentor.db.agendaItems.get(item.id))?.text).toBe('Launch plan, reworded');
    expect((await openCopies(mentor)).map((c) => c.id)).toEqual([copy?.id]);
    expect((await mentor.db.conflicts.where('pairId').equals(pair.id).count()) > 0).toBe(true);
  });

  test('settling a copy settled already changes nothing', async () => {
    const { mentor, mentee, note, syncAll } = await sharedPair();
    await bothWrite(mentor, mentee, (store, who) =>
      saveNoteBody(store, note.id, 'shared', `Text of the ${who}`),
    );
    await syncAll();
    const [copy] = await openCopies(mentee);
    await resolveConflict(mentee, copy?.id ?? '', 'other');
    const after = await mentee.db.notes.get(note.id);
    await resolveConflict(mentee, copy?.id ?? '', 'both');
    expect(await mentee.db.notes.get(note.id)).toEqual(after);
  });
});
