import { joinsResponse } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import {
  bearer,
  createSpace,
  makeTestApp,
  TEST_PUBLIC_KEY,
  type TestApp,
} from './helpers/test-app';

let sidecar: TestApp;
afterEach(async () => {
  await sidecar.close();
});

const sealed = { iv: 'A'.repeat(16), ct: 'B'.repeat(64) };

async function inviteAndJoinWithKey(app: TestApp['app'], inviterToken: string, spaceId: string) {
  const invite = await app.inject({
    method: 'POST',
    url: `/v1/spaces/${spaceId}/invites`,
    headers: bearer(inviterToken),
  });
  const join = await app.inject({
    method: 'POST',
    url: `/v1/spaces/${spaceId}/join`,
    payload: {
      inviteToken: invite.json().inviteToken,
      deviceName: 'Mentee laptop',
      publicKey: TEST_PUBLIC_KEY,
    },
  });
  expect(join.statusCode).toBe(201);
  return join.json() as { deviceId: string; deviceToken: string };
}

describe('letting a joined device in', () => {
  test('the public key goes one way, the sealed secret the other, once', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const mentee = await inviteAndJoinWithKey(app, mentor.deviceToken, mentor.spaceId);
    const joins = await app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/joins`,
      headers: bearer(mentor.deviceToken),
    });
    expect(joinsResponse.parse(joins.json()).joins).toEqual([
      expect.objectContaining({
        deviceId: mentee.deviceId,
        publicKey: TEST_PUBLIC_KEY,
        granted: false,
      }),
    ]);
    const before = await app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/key`,
      headers: bearer(mentee.deviceToken),
    });
    expect(before.statusCode).toBe(404);
    // The waiting device cannot let itself in, nor let anyone else in.
    const self = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/devices/${mentee.deviceId}/key`,
      headers: bearer(mentee.deviceToken),
      payload: sealed,
    });
    expect(self.statusCode).toBe(403);
    const grant = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/devices/${mentee.deviceId}/key`,
      headers: bearer(mentor.deviceToken),
      payload: sealed,
    });
    expect(grant.statusCode).toBe(204);
    const swap = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/devices/${mentee.deviceId}/key`,
      headers: bearer(mentor.deviceToken),
      payload: { ...sealed, ct: 'C'.repeat(64) },
    });
    expect(swap.statusCode).toBe(409);
    const after = await app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/key`,
      headers: bearer(mentee.deviceToken),
    });
    expect(after.json()).toEqual({ sealed, grantedBy: mentor.deviceId });
  });

  test('a waiting device cannot let a third one in; another space’s device gets 403', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const waiting = await inviteAndJoinWithKey(app, mentor.deviceToken, mentor.spaceId);
    const third = await inviteAndJoinWithKey(app, mentor.deviceToken, mentor.spaceId);
    const byWaiting = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/devices/${third.deviceId}/key`,
      headers: bearer(waiting.deviceToken),
      payload: sealed,
    });
    expect(byWaiting.statusCode).toBe(403);
    const stranger = await createSpace(app, 'Stranger');
    const cross = await app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/joins`,
      headers: bearer(stranger.deviceToken),
    });
    expect(cross.statusCode).toBe(403);
  });

  test('a malformed public key or sealed secret is refused with 400', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const invite = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/invites`,
      headers: bearer(mentor.deviceToken),
    });
    const join = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/join`,
      payload: { inviteToken: invite.json().inviteToken, deviceName: 'X', publicKey: 'short' },
    });
    expect(join.statusCode).toBe(400);
    const mentee = await inviteAndJoinWithKey(app, mentor.deviceToken, mentor.spaceId);
    const grant = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${mentor.spaceId}/devices/${mentee.deviceId}/key`,
      headers: bearer(mentor.deviceToken),
      payload: { iv: 'x', ct: '<script>' },
    });
    expect(grant.statusCode).toBe(400);
  });
});
