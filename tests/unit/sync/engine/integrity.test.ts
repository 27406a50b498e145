import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem, updateAgendaItem } from '../../../../utils/data/records/agenda-items';
import { addNote, saveNoteBody } from '../../../../utils/data/records/notes';
import { createPair } from '../../../../utils/data/records/pairs';
import { SyncEngine } from '../../../../utils/sync/engine/sync-engine';
import { closeStores, makeStore, pairInput } from '../../helpers';
import { joinAndLetIn } from '../join';
import { sharedPair, spaceOf } from './shared-pair';

// What the sidecar cannot do unnoticed (utils/sync/engine/integrity.ts, record-envelope.ts).

afterEach(closeStores);

describe('what the sidecar cannot do', () => {
  test('a ciphertext it moved onto another record is refused, not applied', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentor, pair.id);
    const a = await addAgendaItem(mentor, session, 'Item A', 'mentor');
    const b = await addAgendaItem(mentor, session, 'Item B', 'mentor');
    await mentorSync.push(pair.id);
    sidecar.tamper(space.spaceId, (log) => {
      const [x, y] = log.slice(-2);
      if (!x || !y) throw new Error('nothing to swap');
      [x.envelope, y.envelope] = [y.envelope, x.envelope];
    });
    const result = await menteeSync.pull(pair.id);
    expect(result).toMatchObject({
      ok: true,
      rejected: 2,
      warning: expect.stringMatching(/does not verify/),
    });
    expect(await mentee.db.agendaItems.get(a.id)).toBeUndefined();
    expect(await mentee.db.agendaItems.get(b.id)).toBeUndefined();
  });

  test('a server restored from an older backup is caught: warned, cursor back to its log, records sent again', async () => {
    const { sidecar, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentee, pair.id);
    const item = await addAgendaItem(mentee, session, 'Mentee item before the restore', 'mentee');
    expect(await menteeSync.push(pair.id)).toMatchObject({ ok: true, sent: 1 });
    await mentorSync.pull(pair.id);
    expect(await menteeSync.pull(pair.id)).toMatchObject({ ok: true });
    const before = sidecar.log(space.spaceId).length;
    // The backup was taken before the mentee's item: the log loses its last entry.
    sidecar.tamper(space.spaceId, (log) => void log.splice(before - 1));
    const pulled = await menteeSync.pull(pair.id);
    expect(pulled).toMatchObject({ ok: true, warning: expect.stringMatching(/went backwards/) });
    expect((await spaceOf(mentee, pair.id)).cursor).toBe(before - 1);
    expect(await mentee.db.outbox.where('pairId').equals(pair.id).count()).toBeGreaterThan(0);
    // Nothing is lost: the mentee's records go up again, and a new member reads the item.
    expect(await menteeSync.push(pair.id)).toMatchObject({ ok: true });
    const late = makeStore({ deviceId: 'late' });
    await joinAndLetIn(
      mentorSync,
      new SyncEngine(late, { fetch: sidecar.fetch }),
      pair.id,
      (await mentorSync.createInvite(pair.id)).code,
      'Late laptop',
    );
    expect((await late.db.agendaItems.get(item.id))?.text).toBe('Mentee item before the restore');
    // Dismissed, the warning stays gone while the sidecar behaves.
    await menteeSync.dismissWarning(pair.id);
    expect(await menteeSync.pull(pair.id)).not.toHaveProperty('warning');
  });

  test('a faked pull answer with a huge cursor does not silence this browser', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const cursor = (await spaceOf(mentee, pair.id)).cursor;
    sidecar.fakeNextPull((answer) => ({ ...answer, cursor: 9_007_199_254_740_000 }));
    expect(await menteeSync.pull(pair.id)).toMatchObject({ ok: true });
    expect((await spaceOf(mentee, pair.id)).cursor).toBe(cursor);
    const item = await addAgendaItem(mentor, session, 'Still heard', 'mentor');
    await mentorSync.push(pair.id);
    await menteeSync.pull(pair.id);
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('Still heard');
  });

  test("an entry relabelled with the reader's own device id is caught, not skipped unread", async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentee, pair.id);
    const item = await addAgendaItem(mentor, session, 'Hidden from the mentee', 'mentor');
    await mentorSync.push(pair.id);
    let truth = '';
    sidecar.tamper(space.spaceId, (log) => {
      const last = log.at(-1);
      if (!last) throw new Error('empty log');
      truth = last.deviceId;
      last.deviceId = space.deviceId;
    });
    expect(await menteeSync.pull(pair.id)).toMatchObject({
      ok: true,
      rejected: 1,
      warning: expect.stringMatching(/does not verify/),
    });
    expect(await mentee.db.agendaItems.get(item.id)).toBeUndefined();
    // The cursor did not move past it: once the log is honest again, the item arrives.
    sidecar.tamper(space.spaceId, (log) => {
      const last = log.at(-1);
      if (last) last.deviceId = truth;
    });
    await menteeSync.pull(pair.id);
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('Hidden from the mentee');
  });

  test('an old entry offered again as new is caught and not applied', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentee, pair.id);
    const item = await addAgendaItem(mentor, session, 'First wording', 'mentor');
    await mentorSync.push(pair.id);
    await menteeSync.pull(pair.id);
    await updateAgendaItem(mentor, item.id, { text: 'Second wording' });
    await mentorSync.push(pair.id);
    await menteeSync.pull(pair.id);
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('Second wording');
    sidecar.tamper(space.spaceId, (log) => {
      const old = log.at(-2);
      if (!old) throw new Error('empty log');
      log.push({ ...structuredClone(old), seq: log.length + 1 });
    });
    expect(await menteeSync.pull(pair.id)).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/old entry/),
    });
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('Second wording');
  });

  test('a confirmed write the sidecar drops from the middle of the log is caught', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentor, pair.id);
    const dropped = await addAgendaItem(mentor, session, 'Dropped by the sidecar', 'mentor');
    await mentorSync.push(pair.id);
    const kept = await addAgendaItem(mentor, session, 'Written after it', 'mentor');
    await mentorSync.push(pair.id);
    sidecar.tamper(space.spaceId, (log) => void log.splice(-2, 1));
    expect(await menteeSync.pull(pair.id)).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/missing a record/),
    });
    expect(await mentee.db.agendaItems.get(dropped.id)).toBeUndefined();
    expect((await mentee.db.agendaItems.get(kept.id))?.text).toBe('Written after it');
  });

  test('versions compaction removed (a newer one of the record follows) are not taken for lost', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentor, pair.id);
    const item = await addAgendaItem(mentor, session, 'First wording', 'mentor');
    await mentorSync.push(pair.id);
    await updateAgendaItem(mentor, item.id, { text: 'Second wording' });
    await mentorSync.push(pair.id);
    const next = await addAgendaItem(mentor, session, 'Another item', 'mentor');
    await mentorSync.push(pair.id);
    // What the sidecar's compaction does: the superseded first version goes.
    sidecar.tamper(space.spaceId, (log) => void log.splice(-3, 1));
    const pulled = await menteeSync.pull(pair.id);
    expect(pulled).toMatchObject({ ok: true, rejected: 0 });
    expect(pulled).not.toHaveProperty('warning');
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('Second wording');
    expect((await mentee.db.agendaItems.get(next.id))?.text).toBe('Another item');
  });

  test('ciphertext is padded to size buckets: a short and a long note look alike', async () => {
    const { sidecar, mentor, mentorSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentor, pair.id);
    const short = await addNote(mentor, session, 'shared', '');
    await saveNoteBody(mentor, short.id, 'shared', 'Yes');
    const long = await addNote(mentor, session, 'shared', '');
    await saveNoteBody(
      mentor,
      long.id,
      'shared',
      'A longer note about the launch plan. '.repeat(4),
    );
    await mentorSync.push(pair.id);
    const [a, b] = sidecar.log(space.spaceId).slice(-2);
    expect(a?.envelope.ct.length).toBe(b?.envelope.ct.length);
  });

  test('a member cannot write into another pair of this browser', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair } = await sharedPair();
    const otherPair = await createPair(mentee, pairInput({ title: 'Another pair' }));
    // The mentor (who holds the key) forges a goal of the mentee's other pair.
    const space = await spaceOf(mentor, pair.id);
    await mentor.db.goals.put({
      id: 'forged',
      pairId: otherPair.id,
      title: 'Forged',
      why: '',
      measure: '',
      targetDate: '',
      status: 'active',
      progress: 0,
      order: 1,
      updatedAt: mentor.clock.now(),
      deviceId: 'mentor-device',
      deleted: false,
    });
    await mentor.db.outbox.put({
      id: 'goals:forged',
      table: 'goals',
      recordId: 'forged',
      pairId: pair.id,
      queuedAt: 1,
    });
    await mentorSync.push(pair.id);
    await menteeSync.pull(pair.id);
    expect(await mentee.db.goals.get('forged')).toBeUndefined();
    expect(space.spaceId).toBeTruthy();
  });
});
