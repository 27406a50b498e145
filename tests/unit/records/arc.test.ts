import { afterEach, describe, expect, test } from 'vitest';
import {
  addLearning,
  deleteLearning,
  saveClosing,
  setLearningVisibility,
  setPairPhase,
  updateLearning,
} from '../../../utils/data/records/arc';
import { addGoal, updateGoal } from '../../../utils/data/records/goals';
import { exportBackup } from '../../../utils/export/backup/export';
import { stringifyBackup } from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { loadPairForExport, pairMarkdown } from '../../../utils/export/markdown';
import { closingOf, learningsOf } from '../../../utils/queries/arc';
import { mergeRecord, type SyncedRow } from '../../../utils/sync/merge';
import { closeStores, makeStore, uuidCounter } from '../helpers';
import { goalInput, storeWithSession } from './setup';

afterEach(closeStores);

const SECRET = 'I was unsure I could mentor someone senior';

describe('learnings', () => {
  test('are private by default: in the private database only, and never in the outbox', async () => {
    const { store, pair, session } = await storeWithSession();
    const learning = await addLearning(store, {
      pairId: pair.id,
      sessionId: session.id,
      authorRole: 'mentor',
      text: SECRET,
    });
    expect(await store.privateDb.learnings.get(learning.id)).toMatchObject({ text: SECRET });
    expect(await store.db.learnings.count()).toBe(0);
    expect(JSON.stringify(await store.db.outbox.toArray())).not.toContain(learning.id);
    expect(await store.privateDb.searchIndex.get(`learnings:${learning.id}`)).toBeDefined();
  });

  test('move to the shared database when shared, leaving no private copy, and back', async () => {
    const { store, pair, session } = await storeWithSession();
    const { id } = await addLearning(store, {
      pairId: pair.id,
      sessionId: session.id,
      authorRole: 'mentee',
      text: 'How to say no',
    });
    await setLearningVisibility(store, id, 'private', 'shared');
    expect(await store.db.learnings.get(id)).toMatchObject({
      visibility: 'shared',
      text: 'How to say no',
    });
    expect(await store.privateDb.learnings.get(id)).toBeUndefined();
    expect(await store.db.searchIndex.get(`learnings:${id}`)).toBeDefined();
    await setLearningVisibility(store, id, 'shared', 'private');
    // The shared copy is a tombstone without its text, so sync retracts it.
    expect(await store.db.learnings.get(id)).toMatchObject({ deleted: true, text: '' });
    expect((await learningsOf(store, pair.id)).map((l) => l.visibility)).toEqual(['private']);
  });

  test('keep the tick "include in the progress record" and their text', async () => {
    const { store, pair } = await storeWithSession();
    const { id } = await addLearning(store, {
      pairId: pair.id,
      sessionId: '',
      authorRole: 'mentee',
      text: '',
    });
    await updateLearning(store, id, 'private', { text: 'Ask for feedback early', inRecord: true });
    expect(await store.privateDb.learnings.get(id)).toMatchObject({
      text: 'Ask for feedback early',
      inRecord: true,
    });
    await deleteLearning(store, id, 'private');
    expect(await learningsOf(store, pair.id)).toEqual([]);
  });
});

describe('the closing of a pair', () => {
  test('is one record per pair that each write completes', async () => {
    const { store, pair } = await storeWithSession();
    await saveClosing(store, pair.id, { whatNext: 'A course' });
    await saveClosing(store, pair.id, { endorsement: 'Ana is ready to lead.' });
    expect(await closingOf(store, pair.id)).toMatchObject({
      id: `${pair.id}:closing`,
      whatNext: 'A course',
      learnFrom: '',
      endorsement: 'Ana is ready to lead.',
    });
    expect(await store.db.outbox.get(`closings:${pair.id}:closing`)).toBeDefined();
  });

  test('keeps both endorsements written at once on two devices: one in the record, one as a copy', () => {
    const base = {
      id: 'p:closing',
      pairId: 'p',
      whatNext: '',
      learnFrom: '',
      endorsement: '',
      deleted: false,
    };
    const row = (endorsement: string, stamp: string): SyncedRow => ({
      ...base,
      endorsement,
      updatedAt: stamp,
      deviceId: stamp.slice(-1),
    });
    const stamps = (stamp: string) => ({
      pairId: stamp,
      whatNext: stamp,
      learnFrom: stamp,
      endorsement: stamp,
      deleted: stamp,
    });
    const old = '00000000001-00000-a';
    const result = mergeRecord(
      'closings',
      {
        record: row('Ana listens well.', '00000000003-00000-a'),
        fields: { ...stamps(old), endorsement: '00000000003-00000-a' },
        synced: stamps(old),
      },
      {
        record: row('Ana leads calmly.', '00000000002-00000-b'),
        fields: { ...stamps(old), endorsement: '00000000002-00000-b' },
        base: stamps(old),
      },
    );
    expect(result.record.endorsement).toBe('Ana listens well.');
    expect(result.conflicts.map((c) => c.text)).toEqual(['Ana leads calmly.']);
  });

  test('sets the phase the pair moved on to', async () => {
    const { store, pair } = await storeWithSession();
    await setPairPhase(store, pair.id, 'closing');
    expect((await store.db.pairs.get(pair.id))?.phase).toBe('closing');
  });
});

describe('the arc in backups and exports', () => {
  test('a backup carries shared learnings, the closing, goal outcomes, the phase and the dates', async () => {
    const { store, pair, session } = await storeWithSession();
    await setPairPhase(store, pair.id, 'winding-down');
    const goal = await addGoal(store, pair.id, goalInput('Give a talk'));
    await updateGoal(store, goal.id, { outcome: 'Spoke at the meetup' });
    const learning = await addLearning(
      store,
      { pairId: pair.id, sessionId: session.id, authorRole: 'mentor', text: 'Patience' },
      'shared',
    );
    await saveClosing(store, pair.id, { endorsement: 'Ready to lead.' });
    const text = stringifyBackup(await exportBackup(store, { includePrivate: false }));
    const target = makeStore({ deviceId: 'device-b', newId: uuidCounter() });
    expect((await importBackupText(target, text)).ok).toBe(true);
    expect(await target.db.learnings.get(learning.id)).toEqual(
      await store.db.learnings.get(learning.id),
    );
    expect(await closingOf(target, pair.id)).toEqual(await closingOf(store, pair.id));
    expect((await target.db.goals.get(goal.id))?.outcome).toBe('Spoke at the meetup');
    expect((await target.db.pairs.get(pair.id))?.phase).toBe('winding-down');
  });

  test('the Markdown of a pair shows its phase, goal outcomes and shared learnings, no private one', async () => {
    const { store, pair } = await storeWithSession();
    await setPairPhase(store, pair.id, 'closing');
    const goal = await addGoal(store, pair.id, goalInput('Give a talk'));
    await updateGoal(store, goal.id, { outcome: 'Spoke at the meetup' });
    await addLearning(
      store,
      { pairId: pair.id, sessionId: '', authorRole: 'mentor', text: 'Patience' },
      'shared',
    );
    await addLearning(store, {
      pairId: pair.id,
      sessionId: '',
      authorRole: 'mentee',
      text: SECRET,
    });
    const data = await loadPairForExport(store, pair.id, { includePrivate: false });
    if (!data) throw new Error('no pair');
    const text = pairMarkdown(data, { locale: 'en', timeZone: 'UTC' });
    expect(text).toContain('Phase: Closing');
    expect(text).toContain('*Outcome:* Spoke at the meetup');
    expect(text).toContain('## What we learned\n\n- mentor: Patience');
    expect(text).not.toContain(SECRET);
  });
});
