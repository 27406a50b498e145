import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  MutationConflictError,
  type NewMutation,
  QuotaExceededError,
  RevokedDeviceError,
  type Store,
} from '../src/store/types';
import { newServerId } from '../src/tokens';
import { manualClock, mutations, newDevice, opaqueEnvelope } from './helpers/fixtures';

/**
 * Pushes that arrive together (SQLite: one group commit; PostgreSQL: concurrent statements), run
 * against both stores: all acknowledged pushes are stored once, in order, each refused push fails
 * alone with its own error, and an acknowledgement comes only after the commit (another
 * connection to the same storage sees the push the moment its promise resolves).
 */
export function describeGroupCommitContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: pushes arriving together`, () => {
    let store: Store;
    const opened: Store[] = [];
    const clock = manualClock();

    async function openStore(): Promise<Store> {
      const next = await open();
      opened.push(next);
      return next;
    }

    async function pairSpace() {
      const spaceId = newServerId();
      const mentor = newDevice('Mentor laptop', clock.now()).device;
      const mentee = newDevice('Mentee laptop', clock.now()).device;
      await store.createSpace(spaceId, clock.now(), mentor);
      await store.createDevice(spaceId, mentee);
      return { spaceId, devices: [mentor.deviceId, mentee.deviceId] };
    }

    const everything = (on: Store, spaceId: string) =>
      on.pull(spaceId, { after: 0, limit: 1000, maxBytes: 1e12 });

    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
    });

    test('acknowledges 120 simultaneous pushes to four spaces, all stored once, gapless and in push order', async () => {
      const spaces = await Promise.all([pairSpace(), pairSpace(), pairSpace(), pairSpace()]);
      const nextId = new Map<string, number>();
      const pushes = Array.from({ length: 120 }, (_, index) => {
        const space = spaces[index % spaces.length] as (typeof spaces)[number];
        const deviceId = space.devices[index % 2] as string;
        const from = nextId.get(deviceId) ?? 1;
        const count = 1 + (index % 4);
        nextId.set(deviceId, from + count);
        return { spaceId: space.spaceId, deviceId, batch: mutations(from, count) };
      });
      const seqs = await Promise.all(
        pushes.map((push) => store.append(push.spaceId, push.deviceId, push.batch, clock.now())),
      );
      for (const space of spaces) {
        const ofSpace = pushes.flatMap((push, index) =>
          push.spaceId === space.spaceId ? [{ push, seqs: seqs[index] as number[] }] : [],
        );
        const total = ofSpace.reduce((sum, { push }) => sum + push.batch.length, 0);
        const page = await everything(store, space.spaceId);
        expect(page.entries.map((entry) => entry.seq)).toEqual(
          Array.from({ length: total }, (_, index) => index + 1),
        );
        expect(await store.lastSeq(space.spaceId)).toBe(total);
        for (const { push, seqs: pushSeqs } of ofSpace) {
          // A push's mutations sit together, in the order sent, under the seqs it was answered.
          const first = pushSeqs[0] as number;
          expect(pushSeqs).toEqual(push.batch.map((_, index) => first + index));
          const stored = pushSeqs.map((seq) => page.entries[seq - 1]);
          expect(stored.map((entry) => [entry?.deviceId, entry?.mutationId])).toEqual(
            push.batch.map((mutation) => [push.deviceId, mutation.mutationId]),
          );
          expect(stored.map((entry) => entry?.envelope)).toEqual(
            push.batch.map((mutation) => mutation.envelope),
          );
        }
      }
    });

    test('fails only the bad pushes of a simultaneous batch, each with its own error; the others commit', async () => {
      const a = await pairSpace();
      const b = await pairSpace();
      const [mentorA, menteeA] = a.devices as [string, string];
      const [mentorB, menteeB] = b.devices as [string, string];
      await store.append(a.spaceId, mentorA, mutations(1, 2), clock.now());
      await store.revokeDevice(b.spaceId, menteeB, clock.now());
      const conflicting: NewMutation = {
        mutationId: 2,
        recordId: 'record-2',
        envelope: opaqueEnvelope(),
      };
      const results = await Promise.allSettled([
        store.append(a.spaceId, menteeA, mutations(1, 3), clock.now()),
        // New work first, then a retry of mutation 2 with other content: none of it is kept.
        store.append(a.spaceId, mentorA, [...mutations(3, 2), conflicting], clock.now()),
        store.append(b.spaceId, mentorB, mutations(1, 2), clock.now()),
        store.append(b.spaceId, menteeB, mutations(1, 1), clock.now()),
        store.append(a.spaceId, mentorA, mutations(10, 1, 4000), clock.now(), {
          maxBytes: 1_000_000,
          maxRecords: 5,
        }),
        store.append(b.spaceId, mentorB, mutations(3, 1), clock.now()),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        expect.stringMatching(/fulfilled|rejected/),
        'fulfilled',
      ]);
      const reason = (index: number) => (results[index] as PromiseRejectedResult).reason;
      expect(reason(1)).toBeInstanceOf(MutationConflictError);
      expect(reason(1).message).toBe(
        'Mutation 2 was stored before with other content; nothing was stored.',
      );
      expect(reason(3)).toBeInstanceOf(RevokedDeviceError);
      // The quota push runs after some of the others or before; whichever, it is judged alone.
      if (results[4]?.status === 'rejected') expect(reason(4)).toBeInstanceOf(QuotaExceededError);

      const logA = (await everything(store, a.spaceId)).entries;
      const keptA = logA.map((entry) => [
        entry.deviceId === mentorA ? 'mentor' : 'mentee',
        entry.mutationId,
      ]);
      expect(keptA).toEqual(
        expect.arrayContaining([
          ['mentor', 1],
          ['mentor', 2],
          ['mentee', 1],
          ['mentee', 2],
          ['mentee', 3],
        ]),
      );
      expect(keptA).not.toContainEqual(['mentor', 3]);
      expect(keptA).not.toContainEqual(['mentor', 4]);
      expect(logA.map((entry) => entry.seq)).toEqual(logA.map((_, index) => index + 1));
      const logB = (await everything(store, b.spaceId)).entries;
      // Two good pushes of one device, sent together: both stored, each push's entries together
      // (PostgreSQL may commit either first; SQLite takes them in arrival order).
      expect(logB.map((entry) => entry.deviceId)).toEqual([mentorB, mentorB, mentorB]);
      expect(logB.map((entry) => entry.seq)).toEqual([1, 2, 3]);
      expect(logB.map((entry) => entry.mutationId)).toEqual(
        logB[0]?.mutationId === 3 ? [3, 1, 2] : [1, 2, 3],
      );
    });

    test('answers a push only once it is committed: another connection sees it at once', async () => {
      const space = await pairSpace();
      const other = await openStore();
      const [mentor, mentee] = space.devices as [string, string];
      const seen = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          store
            .append(
              space.spaceId,
              index % 2 === 0 ? mentor : mentee,
              mutations(index + 1, 1),
              clock.now(),
            )
            .then(async ([seq]) => {
              // Read through a separate connection, right when the push is acknowledged: only a
              // committed transaction is visible there.
              const page = await other.pull(space.spaceId, {
                after: (seq as number) - 1,
                limit: 1,
                maxBytes: 1e12,
              });
              return page.entries[0]?.mutationId;
            }),
        ),
      );
      expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    });

    test('keeps last-seen times written in batches across a restart', async () => {
      const space = await pairSpace();
      const [mentor] = space.devices as [string];
      clock.advance(60_000);
      await store.touchDevice(mentor, clock.now());
      // Seen at once through this store, before the batch is written…
      const listed = await store.listDevices(space.spaceId);
      expect(listed.find((device) => device.deviceId === mentor)?.lastSeenAt).toEqual(clock.now());
      // …and written when it closes, at the latest.
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      store = await openStore();
      const reopened = await store.listDevices(space.spaceId);
      expect(reopened.find((device) => device.deviceId === mentor)?.lastSeenAt).toEqual(
        clock.now(),
      );
    });
  });
}
