import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../../../utils/data/records/agenda-items';
import { addNote } from '../../../../utils/data/records/notes';
import { SyncEngine } from '../../../../utils/sync/engine/sync-engine';
import { closeStores, makeStore } from '../../helpers';
import { fakeSidecar, SIDECAR } from '../fake-sidecar';
import { joinAndLetIn } from '../join';
import { mentorWithPair, sharedPair, sharedState } from './shared-pair';

// Sharing a pair, its devices, and leaving it (utils/sync/engine/sharing.ts, invites.ts).

afterEach(closeStores);

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
