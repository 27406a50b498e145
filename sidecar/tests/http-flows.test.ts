import { devicesResponse, inviteResponse, pullResponse, pushResponse } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { manualClock, opaqueEnvelope } from './helpers/fixtures';
import {
  bearer,
  createSpace,
  inviteAndJoin,
  makeTestApp,
  pull,
  push,
  TEST_PUBLIC_KEY,
  type TestApp,
} from './helpers/test-app';

const batch = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({
    mutationId: from + index,
    recordId: `goal-${from + index}`,
    envelope: opaqueEnvelope(),
  }));

let sidecar: TestApp;
afterEach(async () => {
  await sidecar.close();
});

describe('a mentoring pair syncing through the sidecar', () => {
  test('mentor creates a space, invites the mentee, and each sees the other’s pushes', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app, 'Mentor laptop');
    const mentee = await inviteAndJoin(app, mentor, 'Mentee laptop');
    expect(mentee.spaceId).toBe(mentor.spaceId);
    expect(mentee.deviceId).not.toBe(mentor.deviceId);

    const fromMentor = batch(1, 2);
    const pushed = await push(app, mentor, fromMentor);
    expect(pushed.statusCode).toBe(200);
    expect(pushResponse.parse(pushed.json())).toEqual({
      results: [
        { mutationId: 1, seq: 1 },
        { mutationId: 2, seq: 2 },
      ],
    });
    const fromMentee = batch(1, 1);
    expect((await push(app, mentee, fromMentee)).json().results).toEqual([
      { mutationId: 1, seq: 3 },
    ]);

    const seenByMentee = pullResponse.parse((await pull(app, mentee)).json());
    expect(
      seenByMentee.entries.map((entry) => [entry.seq, entry.deviceId, entry.recordId]),
    ).toEqual([
      [1, mentor.deviceId, 'goal-1'],
      [2, mentor.deviceId, 'goal-2'],
      [3, mentee.deviceId, 'goal-1'],
    ]);
    expect(seenByMentee.entries[0]?.envelope).toEqual(fromMentor[0]?.envelope);
    expect(seenByMentee.cursor).toBe(3);
    expect(seenByMentee.more).toBe(false);
    const nothingNew = pullResponse.parse((await pull(app, mentor, '?after=3')).json());
    expect(nothingNew).toEqual({ entries: [], cursor: 3, more: false, head: 3 });
  });

  test('pages a long log with after and limit until more is false', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    await push(app, mentor, batch(1, 500));
    await push(app, mentor, batch(501, 120));

    const firstPage = pullResponse.parse((await pull(app, mentor)).json());
    expect(firstPage.entries).toHaveLength(500); // the default page
    expect(firstPage.more).toBe(true);

    const seqs: number[] = [];
    let cursor = 0;
    let more = true;
    while (more) {
      const page = pullResponse.parse(
        (await pull(app, mentor, `?after=${cursor}&limit=200`)).json(),
      );
      seqs.push(...page.entries.map((entry) => entry.seq));
      cursor = page.cursor;
      more = page.more;
    }
    expect(seqs).toEqual(Array.from({ length: 620 }, (_, index) => index + 1));
  });

  test('applies a retried push once: the same seqs, and no duplicate rows', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const mutations = batch(1, 3);
    const first = await push(app, mentor, mutations);
    // The response was lost on the way; the client sends the very same batch again.
    const retry = await push(app, mentor, mutations);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const log = pullResponse.parse((await pull(app, mentor)).json());
    expect(log.entries.map((entry) => entry.mutationId)).toEqual([1, 2, 3]);
  });

  test('refuses an invite the second time it is used', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const invite = inviteResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: `/v1/spaces/${mentor.spaceId}/invites`,
          headers: bearer(mentor.deviceToken),
        })
      ).json(),
    );
    const join = () =>
      app.inject({
        method: 'POST',
        url: `/v1/spaces/${mentor.spaceId}/join`,
        payload: {
          inviteToken: invite.inviteToken,
          deviceName: 'Mentee laptop',
          publicKey: TEST_PUBLIC_KEY,
        },
      });
    expect((await join()).statusCode).toBe(201);
    const again = await join();
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('invite_invalid');
    const devices = devicesResponse.parse(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/spaces/${mentor.spaceId}/devices`,
          headers: bearer(mentor.deviceToken),
        })
      ).json(),
    );
    expect(devices.devices).toHaveLength(2);
  });

  test('refuses an invite once its 24 hours are over', async () => {
    const clock = manualClock();
    sidecar = makeTestApp({ clock });
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const inviteAt = clock.now().getTime();
    const invite = inviteResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: `/v1/spaces/${mentor.spaceId}/invites`,
          headers: bearer(mentor.deviceToken),
        })
      ).json(),
    );
    expect(new Date(invite.expiresAt).getTime() - inviteAt).toBe(24 * 60 * 60 * 1000);
    clock.advance(24 * 60 * 60 * 1000);
    const late = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/join`,
      payload: {
        inviteToken: invite.inviteToken,
        deviceName: 'Mentee laptop',
        publicKey: TEST_PUBLIC_KEY,
      },
    });
    expect(late.statusCode).toBe(403);
    expect(late.json()).toEqual({
      error: { code: 'invite_invalid', message: 'This invite is unknown, used or expired.' },
    });
  });

  test('shuts a revoked device out with 401 while the others go on', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const lostPhone = await inviteAndJoin(app, mentor, 'Mentee phone');
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${mentor.spaceId}/devices/${lostPhone.deviceId}`,
      headers: bearer(mentor.deviceToken),
    });
    expect(revoke.statusCode).toBe(204);

    const refusedPush = await push(app, lostPhone, batch(1, 1));
    expect(refusedPush.statusCode).toBe(401);
    expect(refusedPush.json().error.code).toBe('unauthorized');
    expect((await pull(app, lostPhone)).statusCode).toBe(401);
    const refusedInvite = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/invites`,
      headers: bearer(lostPhone.deviceToken),
    });
    expect(refusedInvite.statusCode).toBe(401);

    expect((await push(app, mentor, batch(1, 1))).statusCode).toBe(200);
    const devices = devicesResponse.parse(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/spaces/${mentor.spaceId}/devices`,
          headers: bearer(mentor.deviceToken),
        })
      ).json(),
    );
    expect(devices.devices.map((device) => [device.name, device.revoked])).toEqual([
      ['Mentor laptop', false],
      ['Mentee phone', true],
    ]);
    const unknown = await app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${mentor.spaceId}/devices/AAAAAAAAAAAAAAAAAAAAAA`,
      headers: bearer(mentor.deviceToken),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  test('lets a device leave: its token stops working, the pair’s log stays', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const mentee = await inviteAndJoin(app, mentor);
    await push(app, mentee, batch(1, 2));
    const leave = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentee.spaceId}/leave`,
      headers: { ...bearer(mentee.deviceToken), 'content-type': 'application/json' },
    });
    expect(leave.statusCode).toBe(204);
    expect(leave.body).toBe('');
    expect((await pull(app, mentee)).statusCode).toBe(401);
    const log = pullResponse.parse((await pull(app, mentor)).json());
    expect(log.entries).toHaveLength(2);
  });

  test('lists devices with their names, join times and when they were last seen', async () => {
    const clock = manualClock();
    sidecar = makeTestApp({ clock });
    const { app } = sidecar;
    const mentor = await createSpace(app, 'Mentor laptop');
    clock.advance(60_000);
    await inviteAndJoin(app, mentor, 'Mentee laptop');
    clock.advance(120_000);
    const listed = await app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/devices`,
      headers: bearer(mentor.deviceToken),
    });
    const { devices } = devicesResponse.parse(listed.json());
    expect(devices).toEqual([
      {
        deviceId: mentor.deviceId,
        name: 'Mentor laptop',
        createdAt: '2026-03-02T09:00:00.000Z',
        lastSeenAt: '2026-03-02T09:03:00.000Z',
        revoked: false,
      },
      expect.objectContaining({
        name: 'Mentee laptop',
        createdAt: '2026-03-02T09:01:00.000Z',
        lastSeenAt: null,
        revoked: false,
      }),
    ]);
    // Nothing about a device's token ever leaves the server.
    expect(listed.body).not.toMatch(/token|hash/i);
  });

  test('says it is healthy and which store it uses', async () => {
    sidecar = makeTestApp();
    const health = await sidecar.app.inject({ method: 'GET', url: '/v1/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true, store: 'sqlite' });
  });
});
