import { afterEach, describe, expect, test } from 'vitest';
import { bearer, createSpace, inviteAndJoin, makeTestApp, type TestApp } from './helpers/test-app';

let sidecar: TestApp;
afterEach(async () => {
  await sidecar.close();
});

const publicKey = (c: string) => `B${c.repeat(86)}`;
const proof = (c: string) => c.repeat(43);
const sealed = (c: string) => ({ iv: 'A'.repeat(16), ct: c.repeat(64) });

function put(token: string, spaceId: string, payload: unknown) {
  return sidecar.app.inject({
    method: 'PUT',
    url: `/v1/spaces/${spaceId}/device-key`,
    headers: bearer(token),
    payload: payload as object,
  });
}

function grant(token: string, spaceId: string, epoch: string | number, payload: unknown) {
  return sidecar.app.inject({
    method: 'POST',
    url: `/v1/spaces/${spaceId}/epochs/${epoch}/keys`,
    headers: bearer(token),
    payload: payload as object,
  });
}

function epochKeys(token: string, spaceId: string, query = '') {
  return sidecar.app.inject({
    method: 'GET',
    url: `/v1/spaces/${spaceId}/epoch-keys${query}`,
    headers: bearer(token),
  });
}

async function threeDevices() {
  sidecar = makeTestApp();
  const mentor = await createSpace(sidecar.app);
  const mentee = await inviteAndJoin(sidecar.app, mentor, 'Mentee laptop');
  const old = await inviteAndJoin(sidecar.app, mentor, 'Old laptop');
  return { mentor, mentee, old };
}

describe('device keys and key epochs', () => {
  test('a device publishes its own key once; members read the present devices’ keys', async () => {
    const { mentor, mentee, old } = await threeDevices();
    const body = { publicKey: publicKey('m'), proof: proof('p') };
    expect((await put(mentee.deviceToken, mentee.spaceId, body)).statusCode).toBe(204);
    expect((await put(mentee.deviceToken, mentee.spaceId, body)).statusCode).toBe(204);
    const swap = await put(mentee.deviceToken, mentee.spaceId, {
      publicKey: publicKey('x'),
      proof: proof('x'),
    });
    expect(swap.statusCode).toBe(409);
    expect(swap.json().error.code).toBe('conflict');
    await put(old.deviceToken, old.spaceId, { publicKey: publicKey('o'), proof: proof('o') });
    const listed = await sidecar.app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/device-keys`,
      headers: bearer(mentor.deviceToken),
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().keys).toEqual(
      [
        { deviceId: mentee.deviceId, publicKey: publicKey('m'), proof: proof('p') },
        { deviceId: old.deviceId, publicKey: publicKey('o'), proof: proof('o') },
      ].sort((a, b) => a.deviceId.localeCompare(b.deviceId)),
    );
    // Removed, the old laptop's key is no longer listed and it can no longer ask.
    const removed = await sidecar.app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${mentor.spaceId}/devices/${old.deviceId}`,
      headers: bearer(mentor.deviceToken),
    });
    expect(removed.statusCode).toBe(204);
    const after = await sidecar.app.inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/device-keys`,
      headers: bearer(mentor.deviceToken),
    });
    expect(after.json().keys.map((k: { deviceId: string }) => k.deviceId)).toEqual([
      mentee.deviceId,
    ]);
    expect((await epochKeys(old.deviceToken, old.spaceId)).statusCode).toBe(401);
  });

  test('an epoch is granted all or none, never to a removed device, each device sees only its own', async () => {
    const { mentor, mentee, old } = await threeDevices();
    await sidecar.app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${mentor.spaceId}/devices/${old.deviceId}`,
      headers: bearer(mentor.deviceToken),
    });
    const toRemoved = await grant(mentor.deviceToken, mentor.spaceId, 1, {
      grants: [
        { deviceId: mentee.deviceId, sealed: sealed('m') },
        { deviceId: old.deviceId, sealed: sealed('o') },
      ],
    });
    expect(toRemoved.statusCode).toBe(404);
    expect((await epochKeys(mentee.deviceToken, mentee.spaceId)).json().grants).toEqual([]);

    const granted = await grant(mentor.deviceToken, mentor.spaceId, 1, {
      grants: [{ deviceId: mentee.deviceId, sealed: sealed('m') }],
    });
    expect(granted.statusCode).toBe(204);
    const again = await grant(mentee.deviceToken, mentee.spaceId, 1, {
      grants: [
        { deviceId: mentor.deviceId, sealed: sealed('t') },
        { deviceId: mentee.deviceId, sealed: sealed('x') },
      ],
    });
    expect(again.statusCode).toBe(409);
    expect((await epochKeys(mentor.deviceToken, mentor.spaceId)).json().grants).toEqual([]);
    const mine = await epochKeys(mentee.deviceToken, mentee.spaceId);
    expect(mine.json().grants).toEqual([
      { epoch: 1, sealed: sealed('m'), grantedBy: mentor.deviceId },
    ]);
    expect((await epochKeys(mentee.deviceToken, mentee.spaceId, '?after=1')).json().grants).toEqual(
      [],
    );
  });

  test('another space’s token is refused; malformed bodies, epochs and cursors are 400', async () => {
    const { mentor, mentee } = await threeDevices();
    const stranger = await createSpace(sidecar.app, 'Stranger');
    expect(
      (
        await grant(stranger.deviceToken, mentor.spaceId, 1, {
          grants: [{ deviceId: mentee.deviceId, sealed: sealed('s') }],
        })
      ).statusCode,
    ).toBe(403);
    expect((await epochKeys(stranger.deviceToken, mentor.spaceId)).statusCode).toBe(403);
    expect(
      (
        await put(stranger.deviceToken, mentor.spaceId, {
          publicKey: publicKey('s'),
          proof: proof('s'),
        })
      ).statusCode,
    ).toBe(403);
    const ok = { grants: [{ deviceId: mentee.deviceId, sealed: sealed('m') }] };
    for (const epoch of ['0', '1e3', '-1', '1000001', 'x']) {
      expect((await grant(mentor.deviceToken, mentor.spaceId, epoch, ok)).statusCode).toBe(400);
    }
    for (const payload of [
      {},
      { grants: [] },
      { grants: [{ deviceId: mentee.deviceId, sealed: { iv: 'short', ct: 'x' } }] },
      { grants: Array.from({ length: 51 }, () => ok.grants[0]) },
    ]) {
      expect((await grant(mentor.deviceToken, mentor.spaceId, 1, payload)).statusCode).toBe(400);
    }
    for (const payload of [
      {},
      { publicKey: 'short', proof: proof('p') },
      { publicKey: publicKey('k') },
    ]) {
      expect((await put(mentor.deviceToken, mentor.spaceId, payload)).statusCode).toBe(400);
    }
    for (const query of ['?after=-1', '?after=1e3', '?after=x']) {
      expect((await epochKeys(mentor.deviceToken, mentor.spaceId, query)).statusCode).toBe(400);
    }
    // Nothing of it was stored.
    expect((await epochKeys(mentee.deviceToken, mentee.spaceId)).json().grants).toEqual([]);
  });
});
