import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  InvalidTextError,
  LimitReachedError,
  MutationConflictError,
  QuotaExceededError,
  type Store,
} from '../src/store/types';
import { hashToken, newSecretToken, newServerId } from '../src/tokens';
import { manualClock, mutations, newDevice, opaqueEnvelope } from './helpers/fixtures';

/**
 * What every store adapter must do about limits, roles and housekeeping, run against SQLite and
 * PostgreSQL like store-contract.ts: the same refusals with the same errors from both.
 */
export function describeStoreLimitsContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: limits, roles and housekeeping`, () => {
    let store: Store;
    const clock = manualClock();

    async function spaceWithCreator(deviceName = 'Mentor laptop') {
      const spaceId = newServerId();
      const creator = newDevice(deviceName, clock.now());
      await store.createSpace(spaceId, clock.now(), creator.device);
      return { spaceId, creator: creator.device };
    }

    async function invite(spaceId: string, createdBy: string, maxOpen?: number) {
      const token = newSecretToken();
      await store.createInvite(
        {
          spaceId,
          tokenHash: hashToken(token),
          createdBy,
          createdAt: clock.now(),
          expiresAt: new Date(clock.now().getTime() + 60_000),
        },
        maxOpen,
      );
      return hashToken(token);
    }

    const everything = (spaceId: string) =>
      store.pull(spaceId, { after: 0, limit: 1000, maxBytes: 1e12 });

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    test('makes the creator the owner and every joining device a member', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const tokenHash = await invite(spaceId, creator.deviceId);
      clock.advance(1000);
      const joining = newDevice('Mentee laptop', clock.now());
      expect(await store.consumeInvite(spaceId, tokenHash, clock.now(), joining.device)).toBe(true);
      const roles = (await store.listDevices(spaceId)).map((device) => [device.name, device.role]);
      expect(roles).toEqual([
        ['Mentor laptop', 'owner'],
        ['Mentee laptop', 'member'],
      ]);
      expect(await store.makeOwner(spaceId, joining.device.deviceId)).toBe(true);
      expect((await store.findDeviceByTokenHash(joining.device.tokenHash))?.role).toBe('owner');
      expect(await store.makeOwner(newServerId(), joining.device.deviceId)).toBe(false);
    });

    test('answers a retried mutation id with other content with a conflict, storing nothing', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const batch = mutations(1, 2);
      expect(await store.append(spaceId, creator.deviceId, batch, clock.now())).toEqual([1, 2]);
      const changed = { ...batch[1], envelope: opaqueEnvelope() } as (typeof batch)[number];
      await expect(
        store.append(spaceId, creator.deviceId, [...mutations(3, 1), changed], clock.now()),
      ).rejects.toBeInstanceOf(MutationConflictError);
      const moved = { ...batch[0], recordId: 'another-record' } as (typeof batch)[number];
      await expect(
        store.append(spaceId, creator.deviceId, [moved], clock.now()),
      ).rejects.toBeInstanceOf(MutationConflictError);
      // Inside one batch too.
      const [first] = mutations(10, 1);
      if (!first) throw new Error('fixture');
      await expect(
        store.append(
          spaceId,
          creator.deviceId,
          [first, { ...first, envelope: opaqueEnvelope() }],
          clock.now(),
        ),
      ).rejects.toBeInstanceOf(MutationConflictError);
      expect(await store.lastSeq(spaceId)).toBe(2);
      expect(await store.usage(spaceId)).toEqual({ bytes: 128, records: 2 });
    });

    test('keeps a space within its quota of bytes and entries, refusing a batch whole', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      // 48 bytes of ciphertext are 64 characters.
      const quota = { maxBytes: 64 * 10, maxRecords: 8 };
      expect(
        await store.append(spaceId, creator.deviceId, mutations(1, 8), clock.now(), quota),
      ).toHaveLength(8);
      await expect(
        store.append(spaceId, creator.deviceId, mutations(9, 1), clock.now(), quota),
      ).rejects.toBeInstanceOf(QuotaExceededError);
      // A retry adds nothing, so it is answered even at the quota.
      expect(
        await store.append(spaceId, creator.deviceId, mutations(7, 2), clock.now(), quota),
      ).toEqual([7, 8]);
      const bytesOnly = { maxBytes: 64 * 9, maxRecords: 100 };
      await expect(
        store.append(spaceId, creator.deviceId, mutations(9, 2), clock.now(), bytesOnly),
      ).rejects.toBeInstanceOf(QuotaExceededError);
      expect(await store.lastSeq(spaceId)).toBe(8);
      expect(await store.usage(spaceId)).toEqual({ bytes: 512, records: 8 });
    });

    test('caps open invites and active devices of a space', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const first = await invite(spaceId, creator.deviceId, 2);
      await invite(spaceId, creator.deviceId, 2);
      await expect(invite(spaceId, creator.deviceId, 2)).rejects.toBeInstanceOf(LimitReachedError);
      // A used invite is no longer open.
      const joining = newDevice('Mentee laptop', clock.now());
      expect(await store.consumeInvite(spaceId, first, clock.now(), joining.device, 3)).toBe(true);
      const third = await invite(spaceId, creator.deviceId, 2);
      // Full at two devices: the invite stays unused, and works once a device is gone.
      await expect(
        store.consumeInvite(spaceId, third, clock.now(), newDevice('x').device, 2),
      ).rejects.toBeInstanceOf(LimitReachedError);
      expect(await store.listDevices(spaceId)).toHaveLength(2);
      await store.revokeDevice(spaceId, joining.device.deviceId, clock.now());
      expect(await store.consumeInvite(spaceId, third, clock.now(), newDevice('y').device, 2)).toBe(
        true,
      );
    });

    test('refuses control characters in a device name, whichever the store', async () => {
      for (const name of ['Mentor\u0000laptop', 'tab\there', 'bell\u0007', 'c1\u0085', '\ud800']) {
        const attempt = newDevice(name, clock.now());
        await expect(
          store.createSpace(newServerId(), clock.now(), attempt.device),
        ).rejects.toBeInstanceOf(InvalidTextError);
        expect(await store.findDeviceByTokenHash(attempt.device.tokenHash)).toBeUndefined();
      }
      const fine = newDevice('Ünïcode laptop 🚀', clock.now());
      await store.createSpace(newServerId(), clock.now(), fine.device);
      expect((await store.findDeviceByTokenHash(fine.device.tokenHash))?.name).toBe(
        'Ünïcode laptop 🚀',
      );
    });

    test('deletes a space and everything of it, leaving the others alone', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      const other = await spaceWithCreator('Other pair');
      await invite(spaceId, creator.deviceId);
      const joining = newDevice('Mentee laptop', clock.now());
      await store.consumeInvite(
        spaceId,
        await invite(spaceId, creator.deviceId),
        clock.now(),
        joining.device,
      );
      await store.recordJoinKey(
        spaceId,
        joining.device.deviceId,
        `B${'k'.repeat(86)}`,
        'a'.repeat(64),
        clock.now(),
      );
      await store.append(spaceId, creator.deviceId, mutations(1, 3), clock.now());
      await store.append(other.spaceId, other.creator.deviceId, mutations(1, 2), clock.now());
      await store.compactLog(spaceId);

      expect(await store.deleteSpace(spaceId)).toBe(true);
      expect(await store.deleteSpace(spaceId)).toBe(false);
      expect(await store.listDevices(spaceId)).toEqual([]);
      expect(await store.findDeviceByTokenHash(creator.tokenHash)).toBeUndefined();
      expect((await everything(spaceId)).entries).toEqual([]);
      expect(await store.lastSeq(spaceId)).toBe(0);
      expect((await everything(other.spaceId)).entries).toHaveLength(2);
      expect(await store.listDevices(other.spaceId)).toHaveLength(1);
    });

    test('compacts superseded entries: the newest of each record stays, cursors stay valid', async () => {
      const { spaceId, creator } = await spaceWithCreator();
      // 100 bytes of ciphertext are 134 base64url characters.
      const version = (mutationId: number, recordId: string) => ({
        mutationId,
        recordId,
        envelope: opaqueEnvelope(100),
      });
      const pushed = [
        version(1, 'goal-1'),
        version(2, 'note-1'),
        version(3, 'goal-1'),
        version(4, 'agenda-1'),
        version(5, 'goal-1'),
        version(6, 'note-1'),
      ];
      await store.append(spaceId, creator.deviceId, pushed, clock.now());
      const result = await store.compactLog(spaceId);
      expect(result).toEqual({ spaces: 1, removedEntries: 3, removedBytes: 3 * 134 });
      expect((await everything(spaceId)).entries.map((entry) => entry.seq)).toEqual([4, 5, 6]);
      expect(await store.usage(spaceId)).toEqual({ bytes: 3 * 134, records: 3 });
      // A client whose cursor sits between the dropped entries gets everything newer.
      const page = await store.pull(spaceId, { after: 2, limit: 1, maxBytes: 1e9 });
      expect(page.entries.map((entry) => entry.seq)).toEqual([4]);
      expect(page.more).toBe(true);
      expect(await store.lastSeq(spaceId)).toBe(6);
      // A late retry of a compacted mutation keeps its first seq; other content is a conflict.
      expect(
        await store.append(
          spaceId,
          creator.deviceId,
          [pushed[0], pushed[2]] as typeof pushed,
          clock.now(),
        ),
      ).toEqual([1, 3]);
      await expect(
        store.append(spaceId, creator.deviceId, [version(1, 'goal-1')], clock.now()),
      ).rejects.toBeInstanceOf(MutationConflictError);
      // The log goes on after the newest seq, and a second run finds nothing.
      expect(
        await store.append(spaceId, creator.deviceId, [version(7, 'goal-1')], clock.now()),
      ).toEqual([7]);
      expect(await store.compactLog(spaceId)).toEqual({
        spaces: 1,
        removedEntries: 1,
        removedBytes: 134,
      });
      expect((await store.compactLog(spaceId)).removedEntries).toBe(0);
      // Every space at once (other tests' spaces share this store): a second run finds nothing.
      expect((await store.compactLog()).spaces).toBeGreaterThan(1);
      expect((await store.compactLog()).removedEntries).toBe(0);
    });
  });
}
