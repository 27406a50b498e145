import { afterEach, describe, expect, test } from 'vitest';
import { addIntroduction, updateIntroduction } from '../../../utils/data/records/introductions';
import { saveRoleNote, setRoleNoteVisibility } from '../../../utils/data/records/role-notes';
import { mergeRecord, type SyncedRow } from '../../../utils/sync/merge';
import { closeStores } from '../helpers';
import { sharedPair, sharedState } from './engine/shared-pair';
import { allStamps, s } from './stamps';

// The mentor's roles over sync: introductions are shared records like action items; role notes
// travel only once their author shares them, and taking one back retracts it on the other side.

afterEach(closeStores);

const intro = { who: 'Dana Reyes', org: 'Platform team', why: 'Ran the migration', followUp: '' };

describe('introductions and role notes over sync', () => {
  test('an introduction reaches the other side, and edits on both sides meet', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const record = await addIntroduction(mentor, session, intro);
    await mentorSync.sync(pair.id);
    await menteeSync.sync(pair.id);
    expect(await mentee.db.introductions.get(record.id)).toMatchObject({ who: 'Dana Reyes' });
    mentor.advance(1000);
    mentee.advance(2000);
    await updateIntroduction(mentee, record.id, { status: 'introduced' }, session.id);
    await updateIntroduction(mentor, record.id, { followUp: '2026-02-01' }, session.id);
    for (let i = 0; i < 2; i++) {
      await mentorSync.sync(pair.id);
      await menteeSync.sync(pair.id);
    }
    expect(await sharedState(mentee, pair.id)).toEqual(await sharedState(mentor, pair.id));
    expect(await mentor.db.introductions.get(record.id)).toMatchObject({
      status: 'introduced',
      followUp: '2026-02-01',
    });
  });

  test('a private role note never leaves; a shared one does, and taking it back retracts it', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const SECRET = 'I needed more encouragement';
    const note = await saveRoleNote(mentee, session, 'mentee', undefined, {
      needed: ['supporter'],
      note: SECRET,
    });
    await menteeSync.sync(pair.id);
    await mentorSync.sync(pair.id);
    expect(await mentor.db.roleNotes.count()).toBe(0);

    await setRoleNoteVisibility(mentee, note.id, 'private', 'shared');
    await menteeSync.sync(pair.id);
    await mentorSync.sync(pair.id);
    expect(await mentor.db.roleNotes.get(note.id)).toMatchObject({
      author: 'mentee',
      needed: ['supporter'],
      note: SECRET,
      deleted: false,
    });

    mentee.advance(1000);
    await setRoleNoteVisibility(mentee, note.id, 'shared', 'private');
    await menteeSync.sync(pair.id);
    await mentorSync.sync(pair.id);
    expect(await mentor.db.roleNotes.get(note.id)).toMatchObject({ deleted: true, note: '' });
    expect(JSON.stringify(await mentor.db.roleNotes.toArray())).not.toContain(SECRET);
  });
});

describe('merging introductions', () => {
  const row = (changes: Partial<SyncedRow>, updatedAt: string): SyncedRow => ({
    id: 'intro-1',
    pairId: 'pair-1',
    sessionId: 'session-1',
    who: 'Dana',
    org: '',
    why: 'Ran the migration',
    status: 'suggested',
    followUp: '',
    closedInSessionId: null,
    createdAt: 1,
    updatedAt,
    deviceId: updatedAt.split('-')[2] ?? 'a',
    deleted: false,
    ...changes,
  });

  test('why rewritten on both sides keeps the later text and a conflict copy of the other', () => {
    const base = s(1);
    const original = row({}, base);
    const mine = row({ why: 'Ran the 2025 migration', status: 'introduced' }, s(3, 'a'));
    const theirs = row({ why: 'Knows the platform team' }, s(2, 'b'));
    const result = mergeRecord(
      'introductions',
      {
        record: mine,
        fields: { ...allStamps(original, base), why: s(3, 'a'), status: s(3, 'a') },
        synced: allStamps(original, base),
      },
      {
        record: theirs,
        fields: { ...allStamps(original, base), why: s(2, 'b') },
        base: allStamps(original, base),
      },
    );
    expect(result.record).toMatchObject({ why: 'Ran the 2025 migration', status: 'introduced' });
    expect(result.conflicts.map((c) => [c.field, c.text])).toEqual([
      ['why', 'Knows the platform team'],
    ]);
  });
});
