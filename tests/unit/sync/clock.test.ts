import { afterEach, describe, expect, test } from 'vitest';
import { createHlc, parseHlc } from '../../../utils/data/hlc';
import { addNote, saveNoteBody } from '../../../utils/data/records/notes';
import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import type { SyncStore } from '../../../utils/sync/engine/engine-context';
import { SyncEngine } from '../../../utils/sync/engine/sync-engine';
import { closeStores, makeStore, pairInput, START, type TestStore } from '../helpers';
import { fakeSidecar, SIDECAR } from './fake-sidecar';
import { joinAndLetIn } from './join';

afterEach(closeStores);

const HOUR = 60 * 60 * 1000;

/**
 * The background of a browser: the same database as its panel, but a clock of its own (another
 * JavaScript context), as utils/sync/background-sync.ts makes it.
 */
function backgroundOf(panel: TestStore, wall: () => number): SyncStore {
  return {
    db: panel.db,
    deviceId: panel.deviceId,
    clock: createHlc(panel.deviceId, wall),
    now: wall,
  };
}

describe('the hybrid logical clock across the panel and the background', () => {
  test('an edit made after a pull wins over the pulled version, though this device’s clock is an hour behind', async () => {
    const sidecar = fakeSidecar();
    // The mentor's clock is right; the mentee's runs an hour behind.
    const mentor = makeStore({ deviceId: 'mentor-device', time: START });
    const mentee = makeStore({
      deviceId: 'mentee-device',
      time: START - HOUR,
      newId: () => crypto.randomUUID(),
    });
    const pair = await createPair(mentor, pairInput());
    const session = await ensurePlannedSession(mentor, pair.id);
    const note = await addNote(mentor, session, 'shared', 'First draft');
    const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
    const invite = await mentorSync.sharePair(pair.id, SIDECAR, 'Mentor');
    await mentorSync.push(pair.id);
    // The mentee's background joins and pulls, with its own clock.
    const menteeBackground = new SyncEngine(
      backgroundOf(mentee, () => mentee.now()),
      { fetch: sidecar.fetch },
    );
    await joinAndLetIn(mentorSync, menteeBackground, pair.id, invite.code, 'Mentee');

    // The mentor rewrites the note; the mentee's background pulls it…
    mentor.advance(60_000);
    await saveNoteBody(mentor, note.id, 'shared', 'Mentor’s rewrite');
    await mentorSync.push(pair.id);
    await menteeBackground.pull(pair.id);
    expect((await mentee.db.notes.get(note.id))?.body).toBe('Mentor’s rewrite');
    const pulled = (await mentee.db.notes.get(note.id))?.updatedAt ?? '';

    // …and then, having read it, the mentee edits it in the panel (a fresh clock, an hour behind).
    mentee.advance(120_000);
    const edited = await saveNoteBody(mentee, note.id, 'shared', 'Mentee’s answer on top');
    expect(edited.updatedAt > pulled).toBe(true);
    expect(parseHlc(edited.updatedAt)?.deviceId).toBe('mentee-device');
    // The row every page stamps from moved on too.
    expect(((await mentee.db.clock.get('hlc'))?.stamp ?? '') >= edited.updatedAt).toBe(true);

    // The later edit is the one both browsers end with.
    await menteeBackground.push(pair.id);
    await mentorSync.pull(pair.id);
    expect((await mentor.db.notes.get(note.id))?.body).toBe('Mentee’s answer on top');
    expect((await mentee.db.notes.get(note.id))?.body).toBe('Mentee’s answer on top');
    expect(await mentor.db.conflicts.count()).toBe(0);
  });

  test('a panel opened later takes in what earlier pages stamped', async () => {
    const first = makeStore({ deviceId: 'laptop' });
    const pair = await createPair(first, pairInput());
    const session = await ensurePlannedSession(first, pair.id);
    const note = await addNote(first, session, 'shared', 'One');
    // A second panel of the same browser whose wall clock reads earlier (it went back).
    const second: TestStore = { ...first, clock: createHlc('laptop', () => START - HOUR) };
    const saved = await saveNoteBody(second, note.id, 'shared', 'Two');
    expect(saved.updatedAt > note.updatedAt).toBe(true);
  });
});
