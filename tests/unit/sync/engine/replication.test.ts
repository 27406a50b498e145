import { afterEach, describe, expect, test } from 'vitest';
import { addActionItem } from '../../../../utils/data/records/action-items';
import {
  addAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../../../../utils/data/records/agenda-items';
import { updateGoal } from '../../../../utils/data/records/goals';
import { addNote, saveNoteBody } from '../../../../utils/data/records/notes';
import { updatePair } from '../../../../utils/data/records/pairs';
import { SyncEngine } from '../../../../utils/sync/engine/sync-engine';
import { closeStores, makeStore } from '../../helpers';
import { fakeSidecar, SIDECAR } from '../fake-sidecar';
import { joinAndLetIn } from '../join';
import { mentorWithPair, sharedCount, sharedPair, sharedState, spaceOf } from './shared-pair';

// Edits going up and coming down (utils/sync/engine/push.ts, pull.ts, merge-page.ts).

afterEach(closeStores);

describe('syncing edits', () => {
  test('each browser keeps its own role in the pair while everything else syncs', async () => {
    const sidecar = fakeSidecar();
    const { mentor, pair } = await mentorWithPair();
    const mentee = makeStore({ deviceId: 'mentee-device' });
    const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
    const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
    // Which member the mentor is stays the mentor's: it never becomes the mentee's pick.
    await updatePair(mentor, pair.id, { myMemberId: 'm2' });
    const invite = await mentorSync.sharePair(pair.id, SIDECAR, 'Mentor');
    await mentorSync.push(pair.id);
    await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee', {
      myRole: 'mentee',
    });
    expect((await mentee.db.pairs.get(pair.id))?.myRole).toBe('mentee');
    expect((await mentee.db.pairs.get(pair.id))?.myMemberId).toBeUndefined();
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
    expect((await mentee.db.pairs.get(pair.id))?.myMemberId).toBeUndefined();
    expect((await mentor.db.pairs.get(pair.id))?.myMemberId).toBe('m2');
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
