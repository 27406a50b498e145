import { afterEach, describe, expect, test } from 'vitest';
import {
  addActionItem,
  addAgendaItem,
  addGoal,
  addNote,
  createPair,
  ensurePlannedSession,
  removeAgendaItem,
  saveNoteBody,
  updateAgendaItem,
  updateGoal,
  updatePair,
} from '../../../utils/data/records';
import { sharedTables } from '../../../utils/schema/tables';
import type { SyncStore } from '../../../utils/sync/engine/engine-context';
import { SyncEngine } from '../../../utils/sync/engine/sync-engine';
import { closeStores, makeStore, pairInput, type TestStore } from '../helpers';
import { fakeSidecar, SIDECAR } from './fake-sidecar';
import { joinAndLetIn } from './join';

afterEach(closeStores);

const goalInput = {
  title: 'Lead the launch',
  why: 'Next step toward a lead role',
  measure: 'Shipped',
  targetDate: '',
  status: 'active' as const,
  progress: 10,
};

/** Every shared record of a pair, per table, without the per-device bookkeeping. */
async function sharedState(store: SyncStore, pairId: string) {
  const state: Record<string, unknown[]> = {};
  for (const table of Object.keys(sharedTables)) {
    const rows = (await store.db.table(table).toArray()) as Record<string, unknown>[];
    state[table] = rows
      .filter((r) => (table === 'pairs' ? r.id : r.pairId) === pairId)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return state;
}

async function mentorWithPair() {
  const mentor = makeStore({ deviceId: 'mentor-device' });
  const pair = await createPair(mentor, pairInput({ myRole: 'mentor' }));
  const session = await ensurePlannedSession(mentor, pair.id);
  await addGoal(mentor, pair.id, goalInput);
  await addAgendaItem(mentor, session, 'Review the launch plan', 'mentor');
  const shared = await addNote(mentor, session, 'shared', '');
  await saveNoteBody(mentor, shared.id, 'shared', 'Alex will draft the brief');
  const secret = await addNote(mentor, session, 'private', '');
  await saveNoteBody(mentor, secret.id, 'private', 'Worried about the salary talk');
  await addActionItem(mentor, session, { text: 'Draft the brief', owner: 'mentee', due: '' });
  return { mentor, pair, session };
}

async function sharedPair() {
  const sidecar = fakeSidecar();
  const { mentor, pair, session } = await mentorWithPair();
  const mentee = makeStore({
    deviceId: 'mentee-device',
    newId: () => crypto.randomUUID(),
  });
  const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
  const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
  const invite = await mentorSync.sharePair(pair.id, SIDECAR, "Sam's laptop");
  expect(await mentorSync.push(pair.id)).toMatchObject({ ok: true });
  const joined = await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, "Alex's laptop");
  expect(joined.pull).toMatchObject({ ok: true });
  return { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session };
}

async function sharedCount(store: SyncStore, pairId: string): Promise<number> {
  return Object.values(await sharedState(store, pairId)).reduce((n, rows) => n + rows.length, 0);
}

async function spaceOf(store: TestStore, pairId: string) {
  const space = await store.db.syncSpaces.get(pairId);
  if (!space) throw new Error('not shared');
  return space;
}

describe('sharing a pair', () => {
  test('the mentee joins with the invite and has every shared record of the pair, exactly', async () => {
    const { mentor, mentee, pair } = await sharedPair();
    const mine = await sharedState(mentor, pair.id);
    const theirs = await sharedState(mentee, pair.id);
    expect(theirs).toEqual(mine);
    expect(theirs.goals).toHaveLength(1);
    expect(theirs.agendaItems).toHaveLength(1);
    expect(theirs.notes).toHaveLength(1);
    expect(await mentee.db.outbox.count()).toBe(0);
    expect(await mentor.db.outbox.count()).toBe(0);
  });

  test('the sidecar only ever sees ciphertext: no text, title, email or private note in any request', async () => {
    const { sidecar } = await sharedPair();
    const wire = sidecar.bodies.join('\n');
    for (const text of [
      'Worried about the salary talk',
      'salary',
      'Alex will draft the brief',
      'Lead the launch',
      'Review the launch plan',
      'ada@example.org',
      'Ada and Grace',
      'notes',
      'agendaItems',
    ]) {
      expect(wire).not.toContain(text);
    }
  });

  test('a private note is never sent, even when its row is in the outbox', async () => {
    const { sidecar, mentor, mentorSync, pair, session } = await sharedPair();
    const note = await addNote(mentor, session, 'private', 'Only mine');
    // Forge an outbox row for it: push must still refuse to send it.
    await mentor.db.outbox.put({
      id: `notes:${note.id}`,
      table: 'notes',
      recordId: note.id,
      pairId: pair.id,
      queuedAt: 1,
    });
    const before = sidecar.bodies.length;
    expect(await mentorSync.push(pair.id)).toMatchObject({ ok: true, sent: 0 });
    expect(sidecar.bodies.slice(before).join('')).not.toContain('Only mine');
    expect(await mentor.db.outbox.count()).toBe(0);
  });

  test('the devices of a pair are listed, and this browser is marked', async () => {
    const { mentorSync, pair } = await sharedPair();
    const devices = await mentorSync.listDevices(pair.id);
    expect(devices.map((d) => [d.name, d.thisDevice])).toEqual([
      ["Sam's laptop", true],
      ["Alex's laptop", false],
    ]);
  });

  test('a used invite cannot be used again; a new invite can', async () => {
    const sidecar = fakeSidecar();
    const { mentor, pair } = await mentorWithPair();
    const sync = new SyncEngine(mentor, { fetch: sidecar.fetch });
    const first = await sync.sharePair(pair.id, SIDECAR, 'Mentor');
    await sync.push(pair.id);
    await new SyncEngine(makeStore({ deviceId: 'x' }), { fetch: sidecar.fetch }).joinPair(
      first.code,
      'One',
    );
    await expect(
      new SyncEngine(makeStore({ deviceId: 'y' }), { fetch: sidecar.fetch }).joinPair(
        first.code,
        'Two',
      ),
    ).rejects.toThrow(/used already or has expired/);
    const second = await sync.createInvite(pair.id);
    const other = makeStore({ deviceId: 'z' });
    await joinAndLetIn(
      sync,
      new SyncEngine(other, { fetch: sidecar.fetch }),
      pair.id,
      second.code,
      'Two',
    );
    expect(await other.db.pairs.get(pair.id)).toBeDefined();
    await expect(sync.sharePair(pair.id, SIDECAR, 'Mentor')).rejects.toThrow(/shared already/);
  });
});

describe('syncing edits', () => {
  test('each browser keeps its own role in the pair while everything else syncs', async () => {
    const sidecar = fakeSidecar();
    const { mentor, pair } = await mentorWithPair();
    const mentee = makeStore({ deviceId: 'mentee-device' });
    const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
    const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
    const invite = await mentorSync.sharePair(pair.id, SIDECAR, 'Mentor');
    await mentorSync.push(pair.id);
    await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee', {
      myRole: 'mentee',
    });
    expect((await mentee.db.pairs.get(pair.id))?.myRole).toBe('mentee');
    mentor.advance(1000);
    await updatePair(mentor, pair.id, { title: 'Renamed by the mentor', myRole: 'mentor' });
    await mentorSync.sync(pair.id);
    await menteeSync.sync(pair.id);
    await mentorSync.sync(pair.id);
    expect(await mentee.db.pairs.get(pair.id)).toMatchObject({
      title: 'Renamed by the mentor',
      myRole: 'mentee',
    });
    expect((await mentor.db.pairs.get(pair.id))?.myRole).toBe('mentor');
  });

  test('edits on both sides, made offline, meet in the same state', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const item = (await mentee.db.agendaItems.toArray())[0];
    if (!item) throw new Error('no agenda item');
    mentor.advance(1000);
    const goal = (await mentor.db.goals.toArray())[0];
    if (!goal) throw new Error('no goal');
    await updateGoal(mentor, goal.id, { progress: 60 });
    await addAgendaItem(mentor, session, 'Stakeholder map', 'mentor');
    await updateAgendaItem(mentee, item.id, { done: true });
    await addActionItem(mentee, session, { text: 'Book a retro', owner: 'both', due: '' });
    await removeAgendaItem(mentor, item.id);
    for (let i = 0; i < 2; i++) {
      await mentorSync.sync(pair.id);
      await menteeSync.sync(pair.id);
    }
    expect(await sharedState(mentee, pair.id)).toEqual(await sharedState(mentor, pair.id));
    const agenda = await mentee.db.agendaItems.toArray();
    expect(agenda.find((a) => a.id === item.id)?.deleted).toBe(true);
    expect(agenda.map((a) => a.text)).toContain('Stakeholder map');
    expect((await mentor.db.actionItems.toArray()).map((a) => a.text)).toContain('Book a retro');
  });

  test('a note both rewrote at once keeps the later text and a conflict copy of the other', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair } = await sharedPair();
    const note = (await mentee.db.notes.toArray())[0];
    if (!note) throw new Error('no note');
    mentor.advance(1000);
    mentee.advance(2000);
    await saveNoteBody(mentor, note.id, 'shared', 'Alex will draft the brief by Friday');
    await saveNoteBody(mentee, note.id, 'shared', 'Alex drafts the brief; Sam reviews');
    await mentorSync.sync(pair.id);
    await menteeSync.sync(pair.id);
    await mentorSync.sync(pair.id);
    const winner = 'Alex drafts the brief; Sam reviews';
    expect((await mentor.db.notes.get(note.id))?.body).toBe(winner);
    expect((await mentee.db.notes.get(note.id))?.body).toBe(winner);
    for (const store of [mentor, mentee]) {
      const copies = await store.db.conflicts.toArray();
      expect(copies.map((c) => [c.recordId, c.field, c.text, c.resolved])).toEqual([
        [note.id, 'body', 'Alex will draft the brief by Friday', false],
      ]);
    }
  });

  test('when the network is down, changes wait in the outbox and go out later', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    await addAgendaItem(mentor, session, 'Offline idea', 'mentor');
    sidecar.failNext(1);
    expect(await mentorSync.push(pair.id)).toMatchObject({ ok: false, kind: 'offline' });
    expect(await mentor.db.outbox.count()).toBe(1);
    expect(await mentorSync.push(pair.id)).toMatchObject({ ok: true, sent: 1 });
    await menteeSync.pull(pair.id);
    expect((await mentee.db.agendaItems.toArray()).map((a) => a.text)).toContain('Offline idea');
  });
});

describe('pushes that fail half way', () => {
  test('a note too large to sync is reported, and everything else still goes out', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const huge = await addNote(mentor, session, 'shared', '');
    await saveNoteBody(mentor, huge.id, 'shared', 'é'.repeat(150_000));
    const small = await addAgendaItem(mentor, session, 'Still synced', 'mentor');
    const push = await mentorSync.push(pair.id);
    expect(push).toMatchObject({ ok: true, sent: 1, tooLarge: [`notes:${huge.id}`] });
    expect((await mentor.db.outbox.toArray()).map((row) => row.recordId)).toEqual([huge.id]);
    await menteeSync.pull(pair.id);
    expect(await mentee.db.agendaItems.get(small.id)).toBeDefined();
  });

  test('a push whose answer was lost is sent again with the same mutation ids and stored once', async () => {
    const { sidecar, mentor, mentorSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentor, pair.id);
    await addAgendaItem(mentor, session, 'One', 'mentor');
    await addAgendaItem(mentor, session, 'Two', 'mentor');
    const before = sidecar.log(space.spaceId).length;
    sidecar.loseAnswers(1);
    expect(await mentorSync.push(pair.id)).toMatchObject({ ok: false, kind: 'offline' });
    // Stored by the server, unknown to the browser.
    expect(sidecar.log(space.spaceId)).toHaveLength(before + 2);
    expect((await spaceOf(mentor, pair.id)).lastMutationId).toBe(space.lastMutationId + 2);
    expect(await mentor.db.outbox.count()).toBe(2);
    expect(await mentorSync.push(pair.id)).toMatchObject({ ok: true, sent: 2 });
    expect(sidecar.log(space.spaceId)).toHaveLength(before + 2);
    expect(await mentor.db.outbox.count()).toBe(0);
  });

  test('after a crash the waiting changes go out under new mutation ids, and nothing is lost', async () => {
    const { sidecar, mentor, mentee, menteeSync, pair, session } = await sharedPair();
    const space = await spaceOf(mentor, pair.id);
    await addAgendaItem(mentor, session, 'Survives the crash', 'mentor');
    sidecar.loseAnswers(1);
    await new SyncEngine(mentor, { fetch: sidecar.fetch }).push(pair.id);
    // The browser restarts: a new engine, the batch in memory gone.
    const restarted = new SyncEngine(mentor, { fetch: sidecar.fetch });
    expect(await restarted.push(pair.id)).toMatchObject({ ok: true, sent: 1 });
    const ids = sidecar.log(space.spaceId).map((e) => `${e.deviceId}/${e.mutationId}`);
    expect(new Set(ids).size).toBe(ids.length);
    await menteeSync.pull(pair.id);
    expect(await sharedState(mentee, pair.id)).toEqual(await sharedState(mentor, pair.id));
  });

  test('an edit made while its push is in flight stays queued and goes out next', async () => {
    const sidecar = fakeSidecar();
    const { mentor, pair, session } = await mentorWithPair();
    const item = await addAgendaItem(mentor, session, 'First words', 'mentor');
    let typing = false;
    const sync = new SyncEngine(mentor, {
      async fetch(input, init) {
        if (typing && String(input).endsWith('/push')) {
          typing = false;
          mentor.advance(10);
          await updateAgendaItem(mentor, item.id, { text: 'First words, and more' });
        }
        return sidecar.fetch(input, init);
      },
    });
    await sync.sharePair(pair.id, SIDECAR, 'Mentor');
    typing = true;
    // The first batch carries "First words"; the row changed meanwhile, so it is not retired
    // with that batch but sent again, as it is now, before push() returns.
    expect(await sync.push(pair.id)).toMatchObject({ ok: true });
    expect(typing).toBe(false);
    expect(await mentor.db.outbox.count()).toBe(0);
    const space = await spaceOf(mentor, pair.id);
    const mentee = makeStore({ deviceId: 'mentee' });
    await joinAndLetIn(
      sync,
      new SyncEngine(mentee, { fetch: sidecar.fetch }),
      pair.id,
      (await sync.createInvite(pair.id)).code,
      'Mentee',
    );
    expect(sidecar.log(space.spaceId).length).toBe((await sharedCount(mentor, pair.id)) + 1);
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('First words, and more');
  });
});

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

describe('leaving', () => {
  test('a removed device is told to share again', async () => {
    const { mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    const devices = await mentorSync.listDevices(pair.id);
    const menteeDevice = devices.find((d) => !d.thisDevice);
    if (!menteeDevice) throw new Error('no mentee device');
    await mentorSync.revokeDevice(pair.id, menteeDevice.deviceId);
    await addAgendaItem(mentee, session, 'After removal', 'mentee');
    const push = await menteeSync.push(pair.id);
    expect(push).toMatchObject({ ok: false, kind: 'unauthorized' });
  });

  test('stopping sharing keeps every record of the pair here and forgets the key', async () => {
    const { mentee, menteeSync, pair } = await sharedPair();
    const before = await sharedState(mentee, pair.id);
    expect(await menteeSync.stopSharing(pair.id)).toBe(true);
    expect(await mentee.db.syncSpaces.get(pair.id)).toBeUndefined();
    expect(await sharedState(mentee, pair.id)).toEqual(before);
    expect(await menteeSync.push(pair.id)).toMatchObject({ ok: false, kind: 'not_shared' });
  });
});
