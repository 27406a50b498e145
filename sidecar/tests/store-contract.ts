import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { QuotaExceededError, RevokedDeviceError, type Store } from '../src/store/types';
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
      expect(empty).toEqual({ entries: [], more: false, head: 10 });
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

    describe('device keys and key epochs', () => {
      const publicKey = (c: string) => `B${c.repeat(86)}`;
      const proof = (c: string) => c.repeat(43);
      const sealed = (label: string) => JSON.stringify({ iv: label, ct: label });

      /** A device of the space with a chosen id, so the order of the ids is known. */
      async function deviceWithId(spaceId: string, deviceId: string) {
        clock.advance(1000);
        const joining = newDevice(`Device ${deviceId.slice(0, 3)}`, clock.now());
        await store.createDevice(spaceId, { ...joining.device, deviceId });
        return { ...joining.device, deviceId };
      }

      test('keeps each present device’s own key once; lists those not revoked by id', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        // Code-unit order ('-' < 'A' < 'Z' < '_' < 'a'), whatever the database's locale.
        const suffix = newServerId().slice(1);
        const ids = ['a', '_', 'Z', '-', 'A'].map((first) => `${first}${suffix}`);
        for (const id of ids) await deviceWithId(spaceId, id);
        const member = ids[0] as string;
        expect(
          await store.setDeviceKey(spaceId, member, publicKey('m'), proof('p'), clock.now()),
        ).toBe('stored');
        // The very same again is fine; another key or proof never replaces the first.
        expect(
          await store.setDeviceKey(spaceId, member, publicKey('m'), proof('p'), clock.now()),
        ).toBe('stored');
        expect(
          await store.setDeviceKey(spaceId, member, publicKey('x'), proof('p'), clock.now()),
        ).toBe('conflict');
        expect(
          await store.setDeviceKey(spaceId, member, publicKey('m'), proof('x'), clock.now()),
        ).toBe('conflict');
        for (const id of ids.slice(1)) {
          await store.setDeviceKey(
            spaceId,
            id,
            publicKey(id[0] as string),
            proof('q'),
            clock.now(),
          );
        }
        await store.setDeviceKey(
          spaceId,
          creator.deviceId,
          publicKey('c'),
          proof('c'),
          clock.now(),
        );
        const sorted = [...ids, creator.deviceId].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect((await store.listDeviceKeys(spaceId)).map((k) => k.deviceId)).toEqual(sorted);
        expect((await store.listDeviceKeys(spaceId)).find((k) => k.deviceId === member)).toEqual({
          deviceId: member,
          publicKey: publicKey('m'),
          proof: proof('p'),
        });

        // A revoked device, one of another space or none at all sets no key here.
        const other = await spaceWithCreator('Elsewhere');
        const lost = ids[1] as string;
        await store.revokeDevice(spaceId, lost, clock.now());
        for (const stranger of [lost, other.creator.deviceId, newServerId()]) {
          await expect(
            store.setDeviceKey(spaceId, stranger, publicKey('s'), proof('s'), clock.now()),
          ).rejects.toThrow(RevokedDeviceError);
        }
        expect((await store.listDeviceKeys(spaceId)).map((k) => k.deviceId)).toEqual(
          sorted.filter((id) => id !== lost),
        );
        expect(await store.listDeviceKeys(other.spaceId)).toEqual([]);
      });

      test('stores an epoch’s grants all or none, for present devices of the space only', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        const member = await addDevice(spaceId);
        const lost = await addDevice(spaceId, 'Lost phone');
        await store.revokeDevice(spaceId, lost.deviceId, clock.now());
        const other = await spaceWithCreator('Elsewhere');
        const grant = (epoch: number, to: string[], by = creator.deviceId) =>
          store.grantEpoch(
            spaceId,
            epoch,
            to.map((deviceId) => ({ deviceId, sealed: sealed(`${epoch}-${deviceId}`) })),
            by,
            clock.now(),
          );
        const mine = (deviceId: string, after = 0) =>
          store.epochGrantsFor(spaceId, deviceId, after);

        // A removed device, one of another space or an unknown one: nothing of the request.
        for (const stranger of [lost.deviceId, other.creator.deviceId, newServerId()]) {
          expect(await grant(1, [member.deviceId, stranger])).toBe('unknown');
        }
        expect(await mine(member.deviceId)).toEqual([]);

        // The granter keeps a copy of its own too.
        expect(await grant(1, [member.deviceId, creator.deviceId])).toBe('granted');
        const first = {
          epoch: 1,
          sealed: sealed(`1-${member.deviceId}`),
          grantedBy: creator.deviceId,
        };
        expect(await mine(member.deviceId)).toEqual([first]);
        expect(await mine(creator.deviceId)).toEqual([
          { epoch: 1, sealed: sealed(`1-${creator.deviceId}`), grantedBy: creator.deviceId },
        ]);

        // A second grant of an (epoch, device) is refused whole, even from another device, and
        // the first stays; so is a device named twice in one request.
        const late = await addDevice(spaceId, 'Late laptop');
        expect(await grant(1, [late.deviceId, member.deviceId], member.deviceId)).toBe('conflict');
        expect(await grant(2, [late.deviceId, late.deviceId])).toBe('conflict');
        expect(await mine(late.deviceId)).toEqual([]);
        expect(await mine(member.deviceId)).toEqual([first]);
        expect(await grant(1, [late.deviceId], member.deviceId)).toBe('granted');
        expect(await mine(late.deviceId)).toEqual([
          { epoch: 1, sealed: sealed(`1-${late.deviceId}`), grantedBy: member.deviceId },
        ]);

        // A revoked granter, or one of another space, grants nothing.
        for (const granter of [lost.deviceId, other.creator.deviceId]) {
          await expect(grant(3, [member.deviceId], granter)).rejects.toThrow(RevokedDeviceError);
        }
        expect(await mine(member.deviceId, 1)).toEqual([]);
      });

      test('gives a device only its own grants, epochs above the cursor, oldest first', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        const member = await addDevice(spaceId);
        const other = await spaceWithCreator('Elsewhere');
        for (const epoch of [3, 1, 1_000_000, 2]) {
          await store.grantEpoch(
            spaceId,
            epoch,
            [
              { deviceId: member.deviceId, sealed: sealed(`m${epoch}`) },
              { deviceId: creator.deviceId, sealed: sealed(`c${epoch}`) },
            ],
            creator.deviceId,
            clock.now(),
          );
        }
        const of = (grants: { epoch: number; sealed: string }[]) =>
          grants.map((g) => [g.epoch, g.sealed]);
        expect(of(await store.epochGrantsFor(spaceId, member.deviceId, 0))).toEqual([
          [1, sealed('m1')],
          [2, sealed('m2')],
          [3, sealed('m3')],
          [1_000_000, sealed('m1000000')],
        ]);
        expect(of(await store.epochGrantsFor(spaceId, creator.deviceId, 2))).toEqual([
          [3, sealed('c3')],
          [1_000_000, sealed('c1000000')],
        ]);
        expect(await store.epochGrantsFor(spaceId, member.deviceId, 1_000_000)).toEqual([]);
        // The same device id asked of another space finds nothing.
        expect(await store.epochGrantsFor(other.spaceId, member.deviceId, 0)).toEqual([]);
        expect(await store.epochGrantsFor(spaceId, other.creator.deviceId, 0)).toEqual([]);
      });

      test('answers at most 1000 grants at a time', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        for (let epoch = 1; epoch <= 1001; epoch += 1) {
          await store.grantEpoch(
            spaceId,
            epoch,
            [{ deviceId: creator.deviceId, sealed: sealed(`${epoch}`) }],
            creator.deviceId,
            clock.now(),
          );
        }
        const page = await store.epochGrantsFor(spaceId, creator.deviceId, 0);
        expect(page).toHaveLength(1000);
        expect(page.at(-1)?.epoch).toBe(1000);
        expect(
          (await store.epochGrantsFor(spaceId, creator.deviceId, 1000)).map((g) => g.epoch),
        ).toEqual([1001]);
      });

      test('holds a space’s grants to the quota, apart from its log, refusing a request whole', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        const member = await addDevice(spaceId);
        // Far more log than the quota allows grants: the two are counted apart.
        await store.append(spaceId, creator.deviceId, mutations(1, 5), clock.now());
        const each = sealed('x').length;
        const quota = { maxRecords: 3, maxBytes: 1e6 };
        const grant = (epoch: number, to: string[], limit = quota) =>
          store.grantEpoch(
            spaceId,
            epoch,
            to.map((deviceId) => ({ deviceId, sealed: sealed('x') })),
            creator.deviceId,
            clock.now(),
            limit,
          );
        expect(await grant(1, [member.deviceId, creator.deviceId])).toBe('granted');
        await expect(grant(2, [member.deviceId, creator.deviceId])).rejects.toThrow(
          QuotaExceededError,
        );
        await expect(grant(2, [member.deviceId, creator.deviceId])).rejects.toThrow(
          "This space's epoch keys would pass its quota of 3 entries; nothing was stored.",
        );
        expect(await store.epochGrantsFor(spaceId, member.deviceId, 1)).toEqual([]);
        expect(await store.epochGrantsFor(spaceId, creator.deviceId, 1)).toEqual([]);
        expect(await grant(2, [member.deviceId])).toBe('granted');
        // Bytes: the sealed JSON's characters.
        await expect(
          grant(3, [creator.deviceId], { maxRecords: 100, maxBytes: 4 * each - 1 }),
        ).rejects.toThrow(/quota of \d+ bytes/);
        expect(await grant(3, [creator.deviceId], { maxRecords: 100, maxBytes: 4 * each })).toBe(
          'granted',
        );
        expect(await store.usage(spaceId)).toEqual({ bytes: 5 * 64, records: 5 });
      });

      test('revoking a device deletes its key and what was sealed for it, not what it gave', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        const member = await addDevice(spaceId);
        const lost = await addDevice(spaceId, 'Lost phone');
        for (const device of [creator, member, lost]) {
          await store.setDeviceKey(
            spaceId,
            device.deviceId,
            publicKey('k'),
            proof('p'),
            clock.now(),
          );
        }
        const everyone = [creator, member, lost].map((d) => ({
          deviceId: d.deviceId,
          sealed: sealed(d.deviceId),
        }));
        await store.grantEpoch(spaceId, 1, everyone, creator.deviceId, clock.now());
        await store.grantEpoch(spaceId, 2, everyone, lost.deviceId, clock.now());

        expect(await store.revokeDevice(spaceId, lost.deviceId, clock.now())).toBe(true);
        expect(await store.epochGrantsFor(spaceId, lost.deviceId, 0)).toEqual([]);
        expect((await store.listDeviceKeys(spaceId)).map((k) => k.deviceId).sort()).toEqual(
          [creator.deviceId, member.deviceId].sort(),
        );
        // What the lost phone sealed for the others before it was removed stays theirs.
        expect(
          (await store.epochGrantsFor(spaceId, member.deviceId, 0)).map((g) => g.grantedBy),
        ).toEqual([creator.deviceId, lost.deviceId]);
        // Revoking again is still a no-op.
        expect(await store.revokeDevice(spaceId, lost.deviceId, clock.now())).toBe(true);
      });

      test('deleting a space takes its device keys and grants, leaving other spaces’', async () => {
        const { spaceId, creator } = await spaceWithCreator();
        const member = await addDevice(spaceId);
        const other = await spaceWithCreator('Elsewhere');
        for (const { space, device } of [
          { space: spaceId, device: creator },
          { space: spaceId, device: member },
          { space: other.spaceId, device: other.creator },
        ]) {
          await store.setDeviceKey(space, device.deviceId, publicKey('k'), proof('p'), clock.now());
          await store.grantEpoch(
            space,
            1,
            [{ deviceId: device.deviceId, sealed: sealed('s') }],
            device.deviceId,
            clock.now(),
          );
        }
        // The rows reference the devices: were any left behind, deleting these would fail.
        expect(await store.deleteSpace(spaceId)).toBe(true);
        expect(await store.listDevices(spaceId)).toEqual([]);
        expect(await store.listDeviceKeys(spaceId)).toEqual([]);
        expect(await store.epochGrantsFor(spaceId, member.deviceId, 0)).toEqual([]);
        expect(await store.listDeviceKeys(other.spaceId)).toHaveLength(1);
        expect(await store.epochGrantsFor(other.spaceId, other.creator.deviceId, 0)).toHaveLength(
          1,
        );
      });
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
