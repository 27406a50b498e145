import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceCredentials, Mutation } from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/app';
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/types';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}

/** The sidecar on a fresh SQLite store in a temp dir, driven through app.inject(). */
export function makeTestApp(options: Omit<AppOptions, 'store'> = {}): TestApp {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-sidecar-'));
  const store = openSqliteStore(dataDir);
  const app = buildApp({ ...options, store });
  return {
    app,
    store,
    dataDir,
    async close() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A joining device's public key as the protocol shapes it (the sidecar never opens it). */
export const TEST_PUBLIC_KEY = `B${'A'.repeat(86)}`;

export async function createSpace(
  app: FastifyInstance,
  deviceName = 'Mentor laptop',
): Promise<DeviceCredentials> {
  const response = await app.inject({ method: 'POST', url: '/v1/spaces', payload: { deviceName } });
  if (response.statusCode !== 201) throw new Error(`create space: ${response.body}`);
  return response.json();
}

export async function inviteAndJoin(
  app: FastifyInstance,
  inviter: DeviceCredentials,
  deviceName = 'Mentee laptop',
): Promise<DeviceCredentials> {
  const invite = await app.inject({
    method: 'POST',
    url: `/v1/spaces/${inviter.spaceId}/invites`,
    headers: bearer(inviter.deviceToken),
  });
  if (invite.statusCode !== 201) throw new Error(`invite: ${invite.body}`);
  const join = await app.inject({
    method: 'POST',
    url: `/v1/spaces/${inviter.spaceId}/join`,
    payload: { inviteToken: invite.json().inviteToken, deviceName, publicKey: TEST_PUBLIC_KEY },
  });
  if (join.statusCode !== 201) throw new Error(`join: ${join.body}`);
  return join.json();
}

export function push(app: FastifyInstance, device: DeviceCredentials, batch: Mutation[]) {
  return app.inject({
    method: 'POST',
    url: `/v1/spaces/${device.spaceId}/push`,
    headers: bearer(device.deviceToken),
    payload: { mutations: batch },
  });
}

export function pull(app: FastifyInstance, device: DeviceCredentials, query = '') {
  return app.inject({
    method: 'GET',
    url: `/v1/spaces/${device.spaceId}/pull${query}`,
    headers: bearer(device.deviceToken),
  });
}
