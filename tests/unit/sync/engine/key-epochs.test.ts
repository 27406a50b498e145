import type { LogEntry } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../../../utils/data/records/agenda-items';
import { createPair } from '../../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../../utils/data/records/sessions';
import type { SyncSpace } from '../../../../utils/schema/local';
import { decryptRecord, derivePairKeys } from '../../../../utils/sync/crypto';
import { SyncEngine } from '../../../../utils/sync/engine/sync-engine';
import { splitSecrets } from '../../../../utils/sync/epochs';
import { newExchangeKeyPair, openFromVault } from '../../../../utils/sync/keys';
import { closeStores, makeStore, pairInput, type TestStore } from '../../helpers';
import { fakeSidecar, SIDECAR } from '../fake-sidecar';
import { joinAndLetIn } from '../join';

afterEach(closeStores);

async function spaceOf(store: TestStore, pairId: string): Promise<SyncSpace> {
  const space = await store.db.syncSpaces.get(pairId);
  if (!space) throw new Error('not shared');
  return space;
}

/** Mentor, mentee and the mentee's old laptop, all let in and synced. */
async function threeDevices() {
  const sidecar = fakeSidecar();
  const mentor = makeStore({ deviceId: 'mentor-device' });
  const pair = await createPair(mentor, pairInput({ myRole: 'mentor' }));
  const session = await ensurePlannedSession(mentor, pair.id);
  const before = await addAgendaItem(mentor, session, 'Written before the removal', 'mentor');
  const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
  const invite = await mentorSync.sharePair(pair.id, SIDECAR, 'Mentor laptop');
  await mentorSync.push(pair.id);
  const mentee = makeStore({ deviceId: 'mentee-device', newId: () => crypto.randomUUID() });
  const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
  await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee laptop');
  const old = makeStore({ deviceId: 'old-device', newId: () => crypto.randomUUID() });
  const oldSync = new SyncEngine(old, { fetch: sidecar.fetch });
  await joinAndLetIn(
    mentorSync,
    oldSync,
    pair.id,
    (await mentorSync.createInvite(pair.id)).code,
    'Old laptop',
  );
  // Each publishes its device key and pins the others'.
  for (const sync of [mentorSync, menteeSync, oldSync]) await sync.checkKeys(pair.id);
  for (const sync of [mentorSync, menteeSync, oldSync]) await sync.checkKeys(pair.id);
  return { sidecar, mentor, mentee, old, mentorSync, menteeSync, oldSync, pair, session, before };
}

/**
 * Everything a device kept (its content keys, and every secret sealed in its vault), tried on
 * a log entry: true if any of it opens the entry.
 */
async function keptSecretsOpen(kept: SyncSpace, entry: LogEntry): Promise<boolean> {
  const keys: CryptoKey[] = [];
  if (kept.key) keys.push(kept.key);
  keys.push(...Object.values(kept.epochKeys ?? {}));
  if (kept.vault && kept.sealedSecret) {
    for (const secret of splitSecrets(await openFromVault(kept.vault, kept.sealedSecret))) {
      keys.push((await derivePairKeys(secret)).content);
    }
  }
  expect(keys.length).toBeGreaterThan(0);
  // Every key at every epoch number: the envelope does not say which.
  for (const key of keys) {
    for (let epoch = 0; epoch <= 3; epoch++) {
      try {
        await decryptRecord(key, kept.spaceId, entry.recordId, entry.envelope, entry, epoch);
        return true;
      } catch {
        // Not this one.
      }
    }
  }
  return false;
}

describe('key epochs', () => {
  test('a removed device cannot read what is written after, with every secret it kept', async () => {
    const { sidecar, mentor, mentee, old, mentorSync, menteeSync, pair, session, before } =
      await threeDevices();
    const kept = await spaceOf(old, pair.id);
    const oldDevice = kept.deviceId;
    // Before: the old laptop reads the pair's entries.
    const space = await spaceOf(mentor, pair.id);
    const firstEntry = sidecar.log(space.spaceId)[0];
    if (!firstEntry) throw new Error('empty log');
    expect(await keptSecretsOpen(kept, firstEntry)).toBe(true);

    await mentorSync.revokeDevice(pair.id, oldDevice);
    expect((await spaceOf(mentor, pair.id)).epoch).toBe(1);
    // The new epoch's secret went to the mentee only, never to the removed laptop.
    expect([...sidecar.epochGrants.keys()]).toEqual([
      `1:${(await spaceOf(mentee, pair.id)).deviceId}`,
    ]);

    const after = await addAgendaItem(mentor, session, 'Written after the removal', 'mentor');
    await mentorSync.push(pair.id);
    const newest = sidecar.log(space.spaceId).at(-1);
    if (!newest) throw new Error('nothing pushed');
    expect(Object.keys(newest.envelope).sort()).toEqual(['ct', 'iv', 'v']);
    expect(await keptSecretsOpen(kept, newest)).toBe(false);

    // The mentee takes the new epoch and reads both; what it writes next is sealed under it.
    expect(await menteeSync.pull(pair.id)).toMatchObject({ ok: true, rejected: 0 });
    expect((await mentee.db.agendaItems.get(after.id))?.text).toBe('Written after the removal');
    expect((await mentee.db.agendaItems.get(before.id))?.text).toBe('Written before the removal');
    const reply = await addAgendaItem(mentee, session, 'The mentee answers', 'mentee');
    await menteeSync.push(pair.id);
    const answer = sidecar.log(space.spaceId).at(-1);
    if (!answer) throw new Error('nothing pushed');
    expect((await spaceOf(mentee, pair.id)).epoch).toBe(1);
    expect(await keptSecretsOpen(kept, answer)).toBe(false);
    await mentorSync.pull(pair.id);
    expect((await mentor.db.agendaItems.get(reply.id))?.text).toBe('The mentee answers');
    // Nothing raw: the new secret sits sealed in each vault, the keys are non-extractable.
    const moved = await spaceOf(mentee, pair.id);
    expect(moved).not.toHaveProperty('secret');
    expect(moved.key?.extractable).toBe(false);
    expect(moved.deviceKey?.privateKey.extractable).toBe(false);
  });

  test('a device that leaves: the others move to a new epoch at their next key check', async () => {
    const { sidecar, mentor, mentee, old, mentorSync, menteeSync, oldSync, pair, session } =
      await threeDevices();
    const kept = await spaceOf(old, pair.id);
    expect(await oldSync.stopSharing(pair.id)).toBe(true);
    await menteeSync.checkKeys(pair.id);
    expect((await spaceOf(mentee, pair.id)).epoch).toBe(1);
    // The mentor takes the mentee's epoch rather than making a second one.
    await mentorSync.checkKeys(pair.id);
    expect((await spaceOf(mentor, pair.id)).epoch).toBe(1);
    expect([...sidecar.epochGrants.keys()]).toEqual([
      `1:${(await spaceOf(mentor, pair.id)).deviceId}`,
    ]);
    const item = await addAgendaItem(mentor, session, 'After the old laptop left', 'mentor');
    await mentorSync.push(pair.id);
    const newest = sidecar.log(kept.spaceId).at(-1);
    if (!newest) throw new Error('nothing pushed');
    expect(await keptSecretsOpen(kept, newest)).toBe(false);
    await menteeSync.pull(pair.id);
    expect((await mentee.db.agendaItems.get(item.id))?.text).toBe('After the old laptop left');
  });

  test('a browser let in after a removal reads every epoch', async () => {
    const { sidecar, mentor, old, mentorSync, pair, session, before } = await threeDevices();
    await mentorSync.revokeDevice(pair.id, (await spaceOf(old, pair.id)).deviceId);
    const after = await addAgendaItem(mentor, session, 'Under the second key', 'mentor');
    await mentorSync.push(pair.id);
    const late = makeStore({ deviceId: 'late-device', newId: () => crypto.randomUUID() });
    const lateSync = new SyncEngine(late, { fetch: sidecar.fetch });
    await joinAndLetIn(
      mentorSync,
      lateSync,
      pair.id,
      (await mentorSync.createInvite(pair.id)).code,
      'New laptop',
    );
    expect((await spaceOf(late, pair.id)).epoch).toBe(1);
    expect((await late.db.agendaItems.get(before.id))?.text).toBe('Written before the removal');
    expect((await late.db.agendaItems.get(after.id))?.text).toBe('Under the second key');
  });

  test('a device key the sidecar swaps is not believed: the new epoch is sealed for the pinned one', async () => {
    const { sidecar, mentee, old, mentorSync, menteeSync, pair } = await threeDevices();
    const menteeDevice = (await spaceOf(mentee, pair.id)).deviceId;
    const own = await newExchangeKeyPair();
    sidecar.deviceKeys.set(menteeDevice, { publicKey: own.publicKey, proof: 'A'.repeat(43) });
    await mentorSync.revokeDevice(pair.id, (await spaceOf(old, pair.id)).deviceId);
    expect(await mentorSync.pull(pair.id)).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/does not verify/),
    });
    // The mentee still opens its copy: it was sealed for its true key, not the sidecar's.
    await menteeSync.checkKeys(pair.id);
    expect((await spaceOf(mentee, pair.id)).epoch).toBe(1);
  });

  test('an epoch secret the sidecar makes up does not open, and is reported', async () => {
    const { sidecar, mentor, mentee, menteeSync, pair } = await threeDevices();
    const mentorDevice = (await spaceOf(mentor, pair.id)).deviceId;
    const menteeDevice = (await spaceOf(mentee, pair.id)).deviceId;
    sidecar.epochGrants.set(`1:${menteeDevice}`, {
      sealed: { iv: 'A'.repeat(16), ct: 'B'.repeat(64) },
      grantedBy: mentorDevice,
    });
    await menteeSync.checkKeys(pair.id);
    expect((await spaceOf(mentee, pair.id)).epoch).toBe(0);
    expect(await menteeSync.pull(pair.id)).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/does not verify/),
    });
  });
});
