import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { RevokedDeviceError, type Store } from '../src/store/types';
import { hashToken, newSecretToken, newServerId } from '../src/tokens';
import { manualClock, mutations, newDevice } from './helpers/fixtures';

/**
 * What every store adapter must do, written once and run against SQLite and PostgreSQL.
 * `open` opens the same storage each time it is called, so durability can be checked by
 * closing one store and opening another.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store;
    const opened: Store[] = [];
    const clock = manualClock();

    async function openStore(): Promise<Store> {
      const next = await open();
      opened.push(next);
      return next;
    }

    async function spaceWithCreator(deviceName = 'Mentor laptop') {
      const spaceId = newServerId();
      const creator = newDevice(deviceName, clock.now());
      await store.createSpace(spaceId, clock.now(), creator.device);
      return { spaceId, creator: creator.device, token: creator.token };
    }

    async function addDevice(spaceId: string, deviceName = 'Mentee laptop') {
      clock.advance(1000);
      const joining = newDevice(deviceName, clock.now());
      await store.createDevice(spaceId, joining.device);
      return joining.device;
    }

    beforeEach(async () => {
      store = await openStore();
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
    });

    test('keeps a new space with its creator, found only by the hash of its token', async () => {
      const { spaceId, creator, token } = await spaceWithCreator();
      const found = await store.findDeviceByTokenHash(hashToken(token));
      expect(found).toMatchObject({
        deviceId: creator.deviceId,
        spaceId,
        name: 'Mentor laptop',
        lastSeenAt: null,
        revokedAt: null,
      });
      expect(found?.createdAt.toISOString()).toBe(creator.createdAt.toISOString());
      expect(await store.findDeviceByTokenHash(hashToken(newSecretToken()))).toBeUndefined();
      expect(await store.lastSeq(spaceId)).toBe(0);
    });

    test('numbers each space’s log 1, 2, 3… without gaps, independently of other spaces', async () => {
      const a = await spaceWithCreator();
      const b = await spaceWithCreator();
      expect(
        await store.append(a.spaceId, a.creator.deviceId, mutations(1, 3), clock.now()),
      ).toEqual([1, 2, 3]);
      expect(
        await store.append(b.spaceId, b.creator.deviceId, mutations(1, 2), clock.now()),
      ).toEqual([1, 2]);
      expect(
        await store.append(a.spaceId, a.creator.deviceId, mutations(4, 2), clock.now()),
      ).toEqual([4, 5]);
      expect(await store.lastSeq(a.spaceId)).toBe(5);
      expect(await store.lastSeq(b.spaceId)).toBe(2);
      const page = await store.pull(a.spaceId, { after: 0, limit: 100, maxBytes: 1e9 });
      expect(page.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(page.more).toBe(false);
    });

    test('stores exactly what was pushed: record id, device, mutation id, envelope, time', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const batch = mutations(7, 1);
      await store.append(spaceId, creator.deviceId, batch, clock.now());
      const [entry] = (await store.pull(spaceId, { after: 0, limit: 10, maxBytes: 1e9 })).entries;
      expect(entry).toEqual({
        seq: 1,
        recordId: batch[0]?.recordId,
        deviceId: creator.deviceId,
        mutationId: 7,
        envelope: batch[0]?.envelope,
        receivedAt: clock.now().toISOString(),
      });
    });

    test('stores a retried mutation once and answers with the seq it got the first time', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const batch = mutations(1, 3);
      expect(await store.append(spaceId, creator.deviceId, batch, clock.now())).toEqual([1, 2, 3]);
      expect(await store.append(spaceId, creator.deviceId, batch, clock.now())).toEqual([1, 2, 3]);
      // A retry that also carries new work: old ids keep their seqs, new ones continue the log.
      const mixed = [...mutations(3, 1), ...mutations(4, 2)];
      expect(await store.append(spaceId, creator.deviceId, mixed, clock.now())).toEqual([3, 4, 5]);
      const page = await store.pull(spaceId, { after: 0, limit: 100, maxBytes: 1e9 });
      expect(page.entries.map((entry) => entry.mutationId)).toEqual([1, 2, 3, 4, 5]);
      expect(page.entries[0]?.envelope).toEqual(batch[0]?.envelope);
    });

    test('treats a mutation id repeated inside one batch as one mutation', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const [first, second] = mutations(1, 2);
      if (!first || !second) throw new Error('fixture');
      const seqs = await store.append(
        spaceId,
        creator.deviceId,
        [first, second, first],
        clock.now(),
      );
      expect(seqs).toEqual([1, 2, 1]);
      expect(await store.lastSeq(spaceId)).toBe(2);
    });

    test('keeps the same mutation id from two devices as two entries', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const mentee = await addDevice(spaceId);
      expect(await store.append(spaceId, creator.deviceId, mutations(1, 1), clock.now())).toEqual([
        1,
      ]);
      expect(await store.append(spaceId, mentee.deviceId, mutations(1, 1), clock.now())).toEqual([
        2,
      ]);
    });

    test('gives simultaneous pushes to one space distinct, gapless seqs', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const mentee = await addDevice(spaceId);
      const pushes = Array.from({ length: 20 }, (_, index) =>
        store.append(
          spaceId,
          index % 2 === 0 ? creator.deviceId : mentee.deviceId,
          mutations(index * 10 + 1, 3),
          clock.now(),
        ),
      );
      const results = await Promise.all(pushes);
      const seqs = results.flat().sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
      // Each push's mutations sit together in the log, in the order they were sent.
      for (const result of results)
        expect(result).toEqual([result[0], (result[0] ?? 0) + 1, (result[0] ?? 0) + 2]);
      expect(await store.lastSeq(spaceId)).toBe(60);
    });

    test('pages a pull by count and by ciphertext size, and says when more remain', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      await store.append(spaceId, creator.deviceId, mutations(1, 10, 300), clock.now());
      const first = await store.pull(spaceId, { after: 0, limit: 4, maxBytes: 1e9 });
      expect(first.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
      expect(first.more).toBe(true);
      const last = await store.pull(spaceId, { after: 8, limit: 4, maxBytes: 1e9 });
      expect(last.entries.map((entry) => entry.seq)).toEqual([9, 10]);
      expect(last.more).toBe(false);
      // 300 bytes are 400 base64url characters: a 1000-character budget holds three entries.
      const budgeted = await store.pull(spaceId, { after: 0, limit: 100, maxBytes: 1000 });
      expect(budgeted.entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
      expect(budgeted.more).toBe(true);
      // A single entry larger than the budget still comes, or the client could never get past it.
      const tiny = await store.pull(spaceId, { after: 5, limit: 100, maxBytes: 1 });
      expect(tiny.entries.map((entry) => entry.seq)).toEqual([6]);
      const empty = await store.pull(spaceId, { after: 10, limit: 100, maxBytes: 1e9 });
      expect(empty).toEqual({ entries: [], more: false });
    });

    test('lets an invite be used once, only before it expires, only in its own space', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const other = await spaceWithCreator();
      const invite = async (expiresInMs: number) => {
        const token = newSecretToken();
        await store.createInvite({
          spaceId,
          tokenHash: hashToken(token),
          createdBy: creator.deviceId,
          createdAt: clock.now(),
          expiresAt: new Date(clock.now().getTime() + expiresInMs),
        });
        return hashToken(token);
      };
      const once = await invite(60_000);
      expect(
        await store.consumeInvite(other.spaceId, once, clock.now(), newDevice('x').device),
      ).toBe(false);
      const joining = newDevice('Mentee laptop');
      expect(await store.consumeInvite(spaceId, once, clock.now(), joining.device)).toBe(true);
      expect(await store.consumeInvite(spaceId, once, clock.now(), newDevice('y').device)).toBe(
        false,
      );
      expect((await store.findDeviceByTokenHash(joining.device.tokenHash))?.spaceId).toBe(spaceId);

      const expiring = await invite(60_000);
      const late = new Date(clock.now().getTime() + 60_000);
      expect(await store.consumeInvite(spaceId, expiring, late, newDevice('z').device)).toBe(false);
      const names = (await store.listDevices(spaceId)).map((device) => device.name);
      expect(names).toEqual(['Mentor laptop', 'Mentee laptop']);
      expect((await store.listDevices(other.spaceId)).length).toBe(1);
    });

    test('lets only one of several simultaneous joins use an invite', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const token = newSecretToken();
      await store.createInvite({
        spaceId,
        tokenHash: hashToken(token),
        createdBy: creator.deviceId,
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 60_000),
      });
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          store.consumeInvite(
            spaceId,
            hashToken(token),
            clock.now(),
            newDevice(`device ${index}`).device,
          ),
        ),
      );
      expect(attempts.filter(Boolean)).toHaveLength(1);
      expect(await store.listDevices(spaceId)).toHaveLength(2);
    });

    test('revokes a device: it can no longer append, its unused invites die, the list says so', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const mentee = await addDevice(spaceId);
      const token = newSecretToken();
      await store.createInvite({
        spaceId,
        tokenHash: hashToken(token),
        createdBy: mentee.deviceId,
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 60_000),
      });
      expect(await store.revokeDevice(spaceId, mentee.deviceId, clock.now())).toBe(true);
      expect(await store.revokeDevice(spaceId, mentee.deviceId, clock.now())).toBe(true);
      expect(await store.revokeDevice(spaceId, newServerId(), clock.now())).toBe(false);
      await expect(
        store.append(spaceId, mentee.deviceId, mutations(1, 1), clock.now()),
      ).rejects.toBeInstanceOf(RevokedDeviceError);
      expect(
        await store.consumeInvite(spaceId, hashToken(token), clock.now(), newDevice('n').device),
      ).toBe(false);
      const devices = await store.listDevices(spaceId);
      expect(devices.map((device) => [device.deviceId, device.revokedAt !== null])).toEqual([
        [creator.deviceId, false],
        [mentee.deviceId, true],
      ]);
      expect(await store.lastSeq(spaceId)).toBe(0);
    });

    test('refuses to append for a device of another space', async () => {
      const a = await spaceWithCreator();
      const b = await spaceWithCreator();
      await expect(
        store.append(b.spaceId, a.creator.deviceId, mutations(1, 1), clock.now()),
      ).rejects.toBeInstanceOf(RevokedDeviceError);
      expect(await store.lastSeq(b.spaceId)).toBe(0);
    });

    test('refuses to revoke a device through another space', async () => {
      const a = await spaceWithCreator();
      const b = await spaceWithCreator();
      expect(await store.revokeDevice(b.spaceId, a.creator.deviceId, clock.now())).toBe(false);
      expect((await store.listDevices(a.spaceId))[0]?.revokedAt).toBeNull();
    });

    test('remembers when a device was last seen', async () => {
      const { creator } = await spaceWithCreator();
      clock.advance(5000);
      await store.touchDevice(creator.deviceId, clock.now());
      const found = await store.findDeviceByTokenHash(creator.tokenHash);
      expect(found?.lastSeenAt?.toISOString()).toBe(clock.now().toISOString());
    });

    test('tells subscribers of a space that its log grew, and only them', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const other = await spaceWithCreator();
      const heard: number[] = [];
      const heardElsewhere: number[] = [];
      const stop = store.subscribe(spaceId, (seq) => heard.push(seq));
      const stopOther = store.subscribe(other.spaceId, (seq) => heardElsewhere.push(seq));
      await store.append(spaceId, creator.deviceId, mutations(1, 3), clock.now());
      await vi.waitFor(() => expect(heard).toEqual([3]));
      // A retry adds nothing, so it announces nothing.
      await store.append(spaceId, creator.deviceId, mutations(1, 3), clock.now());
      await store.append(spaceId, creator.deviceId, mutations(4, 1), clock.now());
      await vi.waitFor(() => expect(heard).toEqual([3, 4]));
      stop();
      await store.append(spaceId, creator.deviceId, mutations(5, 1), clock.now());
      // Announcements arrive in the order of the appends: once a listener that came later has
      // heard a later one, any for seq 5 would have arrived too.
      const later: number[] = [];
      const stopLater = store.subscribe(spaceId, (seq) => later.push(seq));
      await store.append(spaceId, creator.deviceId, mutations(6, 1), clock.now());
      await vi.waitFor(() => expect(later).toContain(6));
      stopLater();
      expect(heard).toEqual([3, 4]);
      expect(heardElsewhere).toEqual([]);
      stopOther();
    });

    test('keeps a joining device’s public key, then one sealed secret for it, never replaced', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const joining = await addDevice(spaceId);
      const other = await spaceWithCreator('Elsewhere');
      const key = `B${'k'.repeat(86)}`;
      // A device of another space cannot be given a key here.
      await store.recordJoinKey(spaceId, other.creator.deviceId, key, 'a'.repeat(64), clock.now());
      await store.recordJoinKey(spaceId, joining.deviceId, key, 'b'.repeat(64), clock.now());
      expect(await store.listJoins(spaceId)).toEqual([
        { deviceId: joining.deviceId, publicKey: key, inviteHash: 'b'.repeat(64), granted: false },
      ]);
      expect(await store.keyGrantOf(spaceId, joining.deviceId)).toBeUndefined();
      expect(
        await store.grantKey(
          spaceId,
          joining.deviceId,
          '{"iv":"x","ct":"y"}',
          creator.deviceId,
          clock.now(),
        ),
      ).toBe('granted');
      expect(
        await store.grantKey(
          spaceId,
          joining.deviceId,
          '{"iv":"swap","ct":"swap"}',
          creator.deviceId,
          clock.now(),
        ),
      ).toBe('exists');
      expect(await store.keyGrantOf(spaceId, joining.deviceId)).toEqual({
        sealed: '{"iv":"x","ct":"y"}',
        grantedBy: creator.deviceId,
      });
      expect(
        await store.grantKey(other.spaceId, joining.deviceId, '{}', creator.deviceId, clock.now()),
      ).toBe('unknown');
      // A removed device is no longer listed and gets no key.
      const removed = await addDevice(spaceId, 'Lost phone');
      await store.recordJoinKey(spaceId, removed.deviceId, key, 'c'.repeat(64), clock.now());
      await store.revokeDevice(spaceId, removed.deviceId, clock.now());
      expect((await store.listJoins(spaceId)).map((j) => j.deviceId)).toEqual([joining.deviceId]);
      expect(
        await store.grantKey(spaceId, removed.deviceId, '{}', creator.deviceId, clock.now()),
      ).toBe('unknown');
    });

    test('keeps a device key once and epoch grants all or none, for present devices only', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const member = await addDevice(spaceId);
      const lost = await addDevice(spaceId, 'Lost phone');
      const other = await spaceWithCreator('Elsewhere');
      const key = (c: string) => `B${c.repeat(86)}`;
      const proof = (c: string) => c.repeat(43);
      expect(
        await store.setDeviceKey(spaceId, member.deviceId, key('m'), proof('p'), clock.now()),
      ).toBe('stored');
      // The same again is fine; another key for it never replaces the first.
      expect(
        await store.setDeviceKey(spaceId, member.deviceId, key('m'), proof('p'), clock.now()),
      ).toBe('stored');
      expect(
        await store.setDeviceKey(spaceId, member.deviceId, key('x'), proof('x'), clock.now()),
      ).toBe('conflict');
      expect(
        await store.setDeviceKey(
          spaceId,
          other.creator.deviceId,
          key('o'),
          proof('o'),
          clock.now(),
        ),
      ).toBe('unknown');
      await store.setDeviceKey(spaceId, lost.deviceId, key('l'), proof('l'), clock.now());
      await store.revokeDevice(spaceId, lost.deviceId, clock.now());
      expect(await store.listDeviceKeys(spaceId)).toEqual([
        { deviceId: member.deviceId, publicKey: key('m'), proof: proof('p') },
      ]);

      // A grant to a removed device, or to one of another space, stores nothing of the request.
      for (const stranger of [lost.deviceId, other.creator.deviceId]) {
        expect(
          await store.grantEpoch(
            spaceId,
            1,
            [
              { deviceId: member.deviceId, sealed: '{"to":"member"}' },
              { deviceId: stranger, sealed: '{"to":"stranger"}' },
            ],
            creator.deviceId,
            clock.now(),
          ),
        ).toBe('unknown');
      }
      expect(await store.epochGrantsFor(spaceId, member.deviceId, 0)).toEqual([]);
      expect(
        await store.grantEpoch(
          spaceId,
          1,
          [{ deviceId: member.deviceId, sealed: '{"epoch":1}' }],
          creator.deviceId,
          clock.now(),
        ),
      ).toBe('granted');
      // A second grant of the same epoch to a device is refused whole, the first one stays.
      expect(
        await store.grantEpoch(
          spaceId,
          1,
          [
            { deviceId: creator.deviceId, sealed: '{"epoch":1,"to":"creator"}' },
            { deviceId: member.deviceId, sealed: '{"swap":1}' },
          ],
          creator.deviceId,
          clock.now(),
        ),
      ).toBe('conflict');
      expect(await store.epochGrantsFor(spaceId, creator.deviceId, 0)).toEqual([]);
      await store.grantEpoch(
        spaceId,
        2,
        [{ deviceId: member.deviceId, sealed: '{"epoch":2}' }],
        creator.deviceId,
        clock.now(),
      );
      expect(await store.epochGrantsFor(spaceId, member.deviceId, 0)).toEqual([
        { epoch: 1, sealed: '{"epoch":1}', grantedBy: creator.deviceId },
        { epoch: 2, sealed: '{"epoch":2}', grantedBy: creator.deviceId },
      ]);
      expect(await store.epochGrantsFor(spaceId, member.deviceId, 1)).toEqual([
        { epoch: 2, sealed: '{"epoch":2}', grantedBy: creator.deviceId },
      ]);
      expect(await store.epochGrantsFor(other.spaceId, member.deviceId, 0)).toEqual([]);
      // Deleting the space takes its keys and grants with it.
      expect(await store.deleteSpace(spaceId)).toBe(true);
      expect(await store.listDeviceKeys(spaceId)).toEqual([]);
      expect(await store.epochGrantsFor(spaceId, member.deviceId, 0)).toEqual([]);
    });

    test('keeps spaces, devices and the log after the store is closed and opened again', async () => {
      const { spaceId, creator, token } = await spaceWithCreator();
      const batch = mutations(1, 4);
      await store.append(spaceId, creator.deviceId, batch, clock.now());
      await store.close();
      const reopened = await openStore();
      expect((await reopened.findDeviceByTokenHash(hashToken(token)))?.deviceId).toBe(
        creator.deviceId,
      );
      const page = await reopened.pull(spaceId, { after: 0, limit: 10, maxBytes: 1e9 });
      expect(page.entries.map((entry) => entry.envelope)).toEqual(batch.map((m) => m.envelope));
      expect(
        await reopened.append(spaceId, creator.deviceId, mutations(4, 2), clock.now()),
      ).toEqual([4, 5]);
    });
  });
}
