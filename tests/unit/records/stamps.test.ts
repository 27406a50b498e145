import { afterEach, describe, expect, test } from 'vitest';
import { parseHlc } from '../../../utils/data/hlc';
import { addActionItem } from '../../../utils/data/records/action-items';
import { addAgendaItem } from '../../../utils/data/records/agenda-items';
import { addGoal, moveGoal } from '../../../utils/data/records/goals';
import { addNote, saveNoteBody, setNoteVisibility } from '../../../utils/data/records/notes';
import { createPair, updatePair } from '../../../utils/data/records/pairs';
import { setPromptState } from '../../../utils/data/records/prompts';
import { ensurePlannedSession, holdSession } from '../../../utils/data/records/sessions';
import { closeStores, makeStore, pairInput } from '../helpers';
import { everything, goalInput, storeWithPair } from './setup';

afterEach(closeStores);

describe('stamps', () => {
  test('stamps every write with a later clock value and this device, even when the clock stands still', async () => {
    const store = makeStore({ deviceId: 'laptop' }); // the wall clock never moves in this test
    const stamps: string[] = [];
    const pair = await createPair(store, pairInput());
    stamps.push(pair.updatedAt);
    const goalA = await addGoal(store, pair.id, goalInput('A'));
    const goalB = await addGoal(store, pair.id, goalInput('B'));
    stamps.push(goalA.updatedAt, goalB.updatedAt);
    await moveGoal(store, goalB.id, -1);
    const movedA = await store.db.goals.get(goalA.id);
    const movedB = await store.db.goals.get(goalB.id);
    stamps.push(movedB?.updatedAt ?? '', movedA?.updatedAt ?? '');
    const session = await ensurePlannedSession(store, pair.id);
    stamps.push(session.updatedAt);
    stamps.push((await addAgendaItem(store, session, 'Topic', 'mentee')).updatedAt);
    const note = await addNote(store, session, 'private', 'x');
    stamps.push(note.updatedAt);
    stamps.push((await saveNoteBody(store, note.id, 'private', 'xy')).updatedAt);
    stamps.push((await setNoteVisibility(store, note.id, 'private', 'shared')).updatedAt);
    stamps.push(
      (await addActionItem(store, session, { text: 'Do', owner: 'both', due: '' })).updatedAt,
    );
    stamps.push(
      (await setPromptState(store, pair.id, 'bank-goals-01', { pinned: true })).updatedAt,
    );
    stamps.push((await holdSession(store, session.id, 7)).updatedAt);

    for (let i = 1; i < stamps.length; i += 1) {
      expect((stamps[i] as string) > (stamps[i - 1] as string), `write ${i}`).toBe(true);
    }
    // Records only: sync bookkeeping and the search index (its log, its snapshot) carry no stamps.
    const rows = Object.entries(await everything(store))
      .filter(
        ([table]) =>
          !/\.(outbox|syncMeta|syncSpaces|conflicts|searchIndex|searchLog|searchSnapshot|clock)$/.test(
            table,
          ),
      )
      .flatMap(([, records]) => records) as Array<{
      updatedAt: string;
      deviceId: string;
    }>;
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) {
      expect(row.deviceId).toBe('laptop');
      expect(parseHlc(row.updatedAt)).toMatchObject({ wall: store.now(), deviceId: 'laptop' });
    }
  });

  test('stamps after the clock went back are still later than the ones before', async () => {
    const { store, pair } = await storeWithPair();
    store.advance(-3_600_000);
    const changed = await updatePair(store, pair.id, { title: 'After the clock went back' });
    expect(changed.updatedAt > pair.updatedAt).toBe(true);
  });
});
