import type { DeviceCredentials } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { opaqueEnvelope } from './helpers/fixtures';
import {
  bearer,
  createSpace,
  inviteAndJoin,
  makeTestApp,
  push,
  TEST_PUBLIC_KEY,
  type TestApp,
} from './helpers/test-app';

let sidecar: TestApp;
afterEach(async () => {
  await sidecar.close();
});

/** Every route a device token opens, aimed at `spaceId` with `token`. */
function routesInto(spaceId: string, victimDeviceId: string) {
  return [
    {
      method: 'POST' as const,
      url: `/v1/spaces/${spaceId}/push`,
      payload: { mutations: [{ mutationId: 99, recordId: 'planted', envelope: opaqueEnvelope() }] },
    },
    { method: 'GET' as const, url: `/v1/spaces/${spaceId}/pull` },
    { method: 'GET' as const, url: `/v1/spaces/${spaceId}/pull?after=0&limit=1000` },
    { method: 'GET' as const, url: `/v1/spaces/${spaceId}/devices` },
    { method: 'POST' as const, url: `/v1/spaces/${spaceId}/invites` },
    { method: 'GET' as const, url: `/v1/spaces/${spaceId}/events` },
    { method: 'DELETE' as const, url: `/v1/spaces/${spaceId}/devices/${victimDeviceId}` },
    { method: 'POST' as const, url: `/v1/spaces/${spaceId}/leave` },
  ];
}

async function snapshot(sidecarApp: TestApp, spaceId: string) {
  const log = await sidecarApp.store.pull(spaceId, { after: 0, limit: 1000, maxBytes: 1e9 });
  const devices = await sidecarApp.store.listDevices(spaceId);
  return JSON.stringify({ log, devices });
}

describe('one pair can never touch another pair’s space', () => {
  test('a token of space A is refused on every route of space B, and B stays as it was', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const attacker: DeviceCredentials = await createSpace(app, 'Other pair');
    const victim = await createSpace(app, 'Mentor laptop');
    const victimMentee = await inviteAndJoin(app, victim);
    await push(app, victim, [{ mutationId: 1, recordId: 'goal-1', envelope: opaqueEnvelope() }]);
    const before = await snapshot(sidecar, victim.spaceId);

    for (const route of routesInto(victim.spaceId, victimMentee.deviceId)) {
      const response = await app.inject({ ...route, headers: bearer(attacker.deviceToken) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json()).toEqual({
        error: { code: 'forbidden', message: 'This token is not valid for this space.' },
      });
    }
    expect(await snapshot(sidecar, victim.spaceId)).toBe(before);
    // The attacker's own device is untouched by its failed attempts too.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/spaces/${attacker.spaceId}/devices`,
          headers: bearer(attacker.deviceToken),
        })
      ).statusCode,
    ).toBe(200);
  });

  test('the answer is the same whether the other space exists or not', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const attacker = await createSpace(app, 'Other pair');
    const victim = await createSpace(app, 'Mentor laptop');
    const existing = routesInto(victim.spaceId, victim.deviceId);
    const missing = routesInto('ZZZZZZZZZZZZZZZZZZZZZZ', victim.deviceId);
    for (const [index, route] of existing.entries()) {
      const a = await app.inject({ ...route, headers: bearer(attacker.deviceToken) });
      const b = await app.inject({
        ...(missing[index] ?? route),
        headers: bearer(attacker.deviceToken),
      });
      expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
    }
  });

  test('an invite of space A cannot join space B', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const attacker = await createSpace(app, 'Other pair');
    const victim = await createSpace(app, 'Mentor laptop');
    const invite = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${attacker.spaceId}/invites`,
      headers: bearer(attacker.deviceToken),
    });
    const join = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${victim.spaceId}/join`,
      payload: {
        inviteToken: invite.json().inviteToken,
        deviceName: 'Intruder',
        publicKey: TEST_PUBLIC_KEY,
      },
    });
    expect(join.statusCode).toBe(403);
    expect(join.json().error.code).toBe('invite_invalid');
    expect(await sidecar.store.listDevices(victim.spaceId)).toHaveLength(1);
    // The invite was not used up by the failed attempt: it still works where it belongs.
    const rightful = await app.inject({
      method: 'POST',
      url: `/v1/spaces/${attacker.spaceId}/join`,
      payload: {
        inviteToken: invite.json().inviteToken,
        deviceName: 'Mentee laptop',
        publicKey: TEST_PUBLIC_KEY,
      },
    });
    expect(rightful.statusCode).toBe(201);
  });

  test('a device id of space B cannot be revoked through space A', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const attacker = await createSpace(app, 'Other pair');
    const victim = await createSpace(app, 'Mentor laptop');
    const response = await app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${attacker.spaceId}/devices/${victim.deviceId}`,
      headers: bearer(attacker.deviceToken),
    });
    expect(response.statusCode).toBe(404);
    expect((await sidecar.store.listDevices(victim.spaceId))[0]?.revokedAt).toBeNull();
  });
});
