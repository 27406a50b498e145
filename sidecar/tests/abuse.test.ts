import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type DeviceCredentials,
  deviceCredentials,
  type LogEntry,
  pullResponse,
  pushResponse,
} from '@tandem/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app';
import type { Limits } from '../src/context';
import { openPostgresStore } from '../src/store/postgres';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/types';
import { opaqueEnvelope } from './helpers/fixtures';
import {
  type Answer,
  type Client,
  clientFrom,
  eventStreamFrom,
  rawSocket,
  type StreamFrom,
  until,
} from './helpers/from-address';
import { freshDatabase } from './helpers/postgres';
import { sidecarBin, sidecarPackage, startSidecarProcess } from './helpers/sidecar-process';
import { TEST_PUBLIC_KEY } from './helpers/test-app';

/**
 * A stranger trying to exhaust the sidecar, against the real server on a real port, on SQLite
 * and on PostgreSQL. Every client is a loopback address of its own (127.0.0.2, .3, …), so the
 * per-address limits see distinct clients without anything leaving this machine. Limits are
 * set small so each flood is short; nothing waits a fixed time, only for conditions.
 */

const run = promisify(execFile);

type Kind = 'sqlite' | 'postgres';

interface Opened {
  store: Store;
  env: Record<string, string>;
  close(): Promise<void>;
}

async function openStore(kind: Kind): Promise<Opened> {
  if (kind === 'postgres') {
    const url = await freshDatabase('abuse');
    const store = await openPostgresStore(url);
    return { store, env: { DATABASE_URL: url }, close: () => store.close() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-abuse-'));
  const store = openSqliteStore(dataDir);
  return {
    store,
    env: { SIDECAR_DATA_DIR: dataDir },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A sidecar on the given store, listening on 127.0.0.1, with these limits. */
async function serve(
  store: Store,
  limits: Partial<Limits>,
  extra: { trustProxy?: string[] } = {},
): Promise<{ app: FastifyInstance; base: string }> {
  const app = buildApp({ store, limits, ...extra });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

const roomyRate = { burst: 1e6, perSecond: 1e6 };

const errorCode = (answer: Answer) => (answer.body as { error?: { code?: string } })?.error?.code;

async function createSpaceFrom(client: Client, deviceName = 'Mentor laptop') {
  const answer = await client.send('POST', '/v1/spaces', { body: { deviceName } });
  if (answer.status !== 201)
    throw new Error(`create: ${answer.status} ${JSON.stringify(answer.body)}`);
  return deviceCredentials.parse(answer.body);
}

async function inviteFrom(client: Client, device: DeviceCredentials) {
  return client.send('POST', `/v1/spaces/${device.spaceId}/invites`, { token: device.deviceToken });
}

async function joinFrom(client: Client, spaceId: string, inviteToken: string, name = 'Mentee') {
  return client.send('POST', `/v1/spaces/${spaceId}/join`, {
    body: { inviteToken, deviceName: name, publicKey: TEST_PUBLIC_KEY },
  });
}

async function joinedDevice(client: Client, inviter: DeviceCredentials, name = 'Mentee laptop') {
  const invite = await inviteFrom(client, inviter);
  const joined = await joinFrom(
    client,
    inviter.spaceId,
    (invite.body as { inviteToken: string }).inviteToken,
    name,
  );
  if (joined.status !== 201)
    throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
  return deviceCredentials.parse(joined.body);
}

async function pullAll(client: Client, device: DeviceCredentials): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor = 0;
  for (;;) {
    const answer = await client.send(
      'GET',
      `/v1/spaces/${device.spaceId}/pull?after=${cursor}&limit=1000`,
      { token: device.deviceToken },
    );
    if (answer.status !== 200) throw new Error(`pull: ${answer.status}`);
    const page = pullResponse.parse(answer.body);
    entries.push(...page.entries);
    cursor = page.cursor;
    if (!page.more) return entries;
  }
}

const one = (mutationId: number, recordId = `note-${mutationId}`, bytes = 48) => ({
  mutationId,
  recordId,
  envelope: opaqueEnvelope(bytes),
});

/** The same refusal must come from both stores: answers collected per store, compared last. */
const controlAnswers = new Map<Kind, string[]>();

describe.each<Kind>(['sqlite', 'postgres'])('a stranger against the sidecar on %s', (kind) => {
  let opened: Opened;
  const clients: Client[] = [];
  const apps: FastifyInstance[] = [];
  const from = (base: string, address: string, maxSockets?: number) => {
    const client = clientFrom(base, address, maxSockets);
    clients.push(client);
    return client;
  };
  const started = async (...args: Parameters<typeof serve>) => {
    const served = await serve(...args);
    apps.push(served.app);
    return served;
  };

  beforeAll(async () => {
    opened = await openStore(kind);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const app of apps.splice(0)) await app.close();
    await opened?.close();
  });

  test('health keeps answering while one address floods connections, creations, streams and pushes', async () => {
    const { base } = await started(opened.store, {
      rateLimit: { burst: 40, perSecond: 5 },
      deviceRateLimit: { burst: 1000, perSecond: 100 },
      createPerHour: 5,
      connections: { total: 500, perAddress: 10 },
      maxStreamsPerDevice: 2,
      maxStreamsPerSpace: 3,
    });
    const health = from(base, '127.0.0.3');
    const healthy = async () => {
      const startedAt = Date.now();
      const answer = await health.send('GET', '/v1/health');
      expect(answer.status).toBe(200);
      expect(Date.now() - startedAt).toBeLessThan(5000);
    };

    // Connections: 25 sockets held open from one address, 10 allowed.
    const held = await Promise.all(Array.from({ length: 25 }, () => rawSocket(base, '127.0.0.2')));
    const refused = () => held.filter((raw) => raw.received().startsWith('HTTP/1.1 429'));
    await until('15 refused connections', () => refused().length === 15);
    await Promise.all(refused().map((raw) => raw.closed));
    expect(refused()[0]?.received()).toMatch(/"code":"limit_reached"/);
    await healthy();
    // The flooding address itself gets nothing more until it lets go.
    const flooder = from(base, '127.0.0.2', 1);
    expect((await flooder.send('GET', '/v1/health')).status).not.toBe(200);
    for (const raw of held) raw.socket.destroy();
    await until('the flooding address to be let in again', async () => {
      return (await flooder.send('GET', '/v1/health')).status === 200;
    });

    // Creations: 5 an hour from one address, and another address is not held back by it.
    const creator = from(base, '127.0.0.4');
    const creations = await Promise.all(
      Array.from({ length: 8 }, () =>
        creator.send('POST', '/v1/spaces', { body: { deviceName: 'Spam' } }),
      ),
    );
    expect(creations.map((answer) => answer.status).sort()).toEqual([
      201, 201, 201, 201, 201, 429, 429, 429,
    ]);
    const limited = creations.find((answer) => answer.status === 429);
    expect(errorCode(limited as Answer)).toBe('rate_limited');
    expect(limited?.headers['retry-after']).toMatch(/^\d+$/);
    await healthy();
    const pair = from(base, '127.0.0.5');
    const mentor = await createSpaceFrom(pair);
    const mentee = await joinedDevice(pair, mentor);

    // Streams: a device keeps its newest two; the space holds three.
    const events = `/v1/spaces/${mentor.spaceId}/events`;
    const own: StreamFrom[] = [];
    for (let index = 0; index < 6; index += 1) {
      own.push(await eventStreamFrom(base, '127.0.0.6', events, mentor.deviceToken));
    }
    expect(own.every((stream) => stream.status === 200)).toBe(true);
    await Promise.all(own.slice(0, 4).map((stream) => stream.ended));
    const menteeStream = await eventStreamFrom(base, '127.0.0.7', events, mentee.deviceToken);
    expect(menteeStream.status).toBe(200);
    const refusedStream = await eventStreamFrom(base, '127.0.0.7', events, mentee.deviceToken);
    expect(refusedStream.status).toBe(429);
    expect((refusedStream.body as { error: { code: string } }).error.code).toBe('limit_reached');
    await healthy();

    // Pushes: 80 at once from one address, 40 let through; every acknowledged one is kept.
    const pusher = from(base, '127.0.0.8', 8);
    const pushes = await Promise.all(
      Array.from({ length: 80 }, (_, index) =>
        pusher.send('POST', `/v1/spaces/${mentor.spaceId}/push`, {
          token: mentor.deviceToken,
          body: { mutations: [one(index + 1)] },
        }),
      ),
    );
    await healthy();
    const acknowledged = pushes.filter((answer) => answer.status === 200);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.length).toBeLessThan(80);
    for (const answer of pushes) expect([200, 429]).toContain(answer.status);
    const stored = new Map(
      (await pullAll(pair, mentee)).map((entry) => [entry.mutationId, entry.seq]),
    );
    for (const answer of acknowledged) {
      for (const result of pushResponse.parse(answer.body).results) {
        expect(stored.get(result.mutationId)).toBe(result.seq);
      }
    }
    expect(stored.size).toBe(acknowledged.length);
    expect([...stored.values()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: stored.size }, (_, index) => index + 1),
    );
    // The open streams heard about it.
    await until('the mentee’s stream to hear the pushes', () =>
      menteeStream.text().includes(`"seq":${stored.size}}`),
    );
    for (const stream of [...own, menteeStream]) stream.close();
  });

  test('a space’s quota holds, and what was acknowledged before it is all there', async () => {
    const { base } = await started(opened.store, {
      rateLimit: roomyRate,
      deviceRateLimit: roomyRate,
      // 48 bytes of ciphertext are 64 characters: room for 12 entries by bytes, 15 by count.
      spaceQuota: { maxBytes: 64 * 12, maxRecords: 15 },
    });
    const client = from(base, '127.0.0.10');
    const mentor = await createSpaceFrom(client);
    const answers: Answer[] = [];
    for (let index = 0; index < 10; index += 1) {
      answers.push(
        await client.send('POST', `/v1/spaces/${mentor.spaceId}/push`, {
          token: mentor.deviceToken,
          body: { mutations: [one(index * 2 + 1), one(index * 2 + 2)] },
        }),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual([
      200, 200, 200, 200, 200, 200, 413, 413, 413, 413,
    ]);
    expect(answers[6]?.body).toEqual({
      error: {
        code: 'quota_exceeded',
        message: "This space's log would pass its quota of 768 bytes; nothing was stored.",
      },
    });
    expect((await pullAll(client, mentor)).map((entry) => entry.mutationId)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
    expect(await opened.store.usage(mentor.spaceId)).toEqual({ bytes: 768, records: 12 });
  });

  test('a retried mutation id with other content is a 409 conflict; the same content keeps its seq', async () => {
    const { base } = await started(opened.store, { rateLimit: roomyRate });
    const client = from(base, '127.0.0.11');
    const mentor = await createSpaceFrom(client);
    const push = (mutations: unknown[]) =>
      client.send('POST', `/v1/spaces/${mentor.spaceId}/push`, {
        token: mentor.deviceToken,
        body: { mutations },
      });
    const first = one(1, 'goal-1');
    expect((await push([one(7, 'goal-0'), first])).status).toBe(200);
    const retry = await push([first]);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ results: [{ mutationId: 1, seq: 2 }] });
    const conflict = await push([one(2), { ...first, envelope: opaqueEnvelope() }]);
    expect(conflict.status).toBe(409);
    expect(errorCode(conflict)).toBe('mutation_conflict');
    const moved = await push([{ ...first, recordId: 'goal-2' }]);
    expect(moved.status).toBe(409);
    expect((await pullAll(client, mentor)).map((entry) => entry.mutationId)).toEqual([7, 1]);
  });

  test('control characters are refused in every text field, with one answer', async () => {
    const { base } = await started(opened.store, { rateLimit: roomyRate, createPerHour: 1000 });
    const client = from(base, '127.0.0.12');
    const mentor = await createSpaceFrom(client);
    const answers: string[] = [];
    for (const name of [
      'Mentor\u0000laptop',
      'a\u0001b',
      'new\nline',
      'c1\u0085',
      '\u007f',
      '\udc00x',
    ]) {
      const created = await client.send('POST', '/v1/spaces', { body: { deviceName: name } });
      const invite = await inviteFrom(client, mentor);
      const joined = await joinFrom(
        client,
        mentor.spaceId,
        (invite.body as { inviteToken: string }).inviteToken,
        name,
      );
      for (const answer of [created, joined]) {
        expect(answer.status).toBe(400);
        answers.push(JSON.stringify(answer.body));
      }
    }
    expect(new Set(answers)).toEqual(
      new Set([
        JSON.stringify({
          error: {
            code: 'bad_request',
            message: 'body.deviceName: control characters are not allowed',
          },
        }),
      ]),
    );
    expect((await opened.store.listDevices(mentor.spaceId)).map((device) => device.name)).toEqual([
      'Mentor laptop',
    ]);
    controlAnswers.set(kind, answers);
  });

  test('only an owner removes devices or ends the space; caps on invites and devices hold', async () => {
    const { base } = await started(opened.store, {
      rateLimit: roomyRate,
      maxInvitesPerSpace: 3,
      maxDevicesPerSpace: 3,
    });
    const client = from(base, '127.0.0.13');
    const owner = await createSpaceFrom(client, 'Mentor laptop');
    const mentee = await joinedDevice(client, owner, 'Mentee laptop');
    const tablet = await joinedDevice(client, mentee, 'Mentee tablet');
    const space = `/v1/spaces/${owner.spaceId}`;

    // Devices: three in all; a fourth join leaves its invite unused.
    const spare = await inviteFrom(client, owner);
    const fourth = await joinFrom(
      client,
      owner.spaceId,
      (spare.body as { inviteToken: string }).inviteToken,
    );
    expect(fourth.status).toBe(409);
    expect(errorCode(fourth)).toBe('limit_reached');
    // Invites: three open at once (the spare is still open).
    expect((await inviteFrom(client, mentee)).status).toBe(201);
    expect((await inviteFrom(client, tablet)).status).toBe(201);
    const tooMany = await inviteFrom(client, owner);
    expect(tooMany.status).toBe(409);
    expect(errorCode(tooMany)).toBe('limit_reached');

    // A member cannot remove another device, make itself owner, or delete the space.
    const byMember = await client.send('DELETE', `${space}/devices/${owner.deviceId}`, {
      token: mentee.deviceToken,
    });
    expect(byMember.status).toBe(403);
    expect(errorCode(byMember)).toBe('forbidden');
    expect(
      (
        await client.send('POST', `${space}/devices/${mentee.deviceId}/owner`, {
          token: mentee.deviceToken,
        })
      ).status,
    ).toBe(403);
    expect((await client.send('DELETE', space, { token: tablet.deviceToken })).status).toBe(403);
    expect(
      (await opened.store.listDevices(owner.spaceId)).every((device) => !device.revokedAt),
    ).toBe(true);

    // The owner removes the tablet; the spare invite now lets a device in.
    const removed = await client.send('DELETE', `${space}/devices/${tablet.deviceId}`, {
      token: owner.deviceToken,
    });
    expect(removed.status).toBe(204);
    const late = await joinFrom(
      client,
      owner.spaceId,
      (spare.body as { inviteToken: string }).inviteToken,
      'Mentee phone',
    );
    expect(late.status).toBe(201);

    // A member leaving only leaves; the last owner leaving ends the space for everyone.
    const phone = deviceCredentials.parse(late.body);
    expect((await client.send('POST', `${space}/leave`, { token: phone.deviceToken })).status).toBe(
      204,
    );
    expect(await opened.store.lastSeq(owner.spaceId)).toBe(0);
    expect((await opened.store.listDevices(owner.spaceId)).length).toBe(4);
    await client.send('POST', `${space}/push`, {
      token: mentee.deviceToken,
      body: { mutations: [one(1)] },
    });
    expect((await client.send('POST', `${space}/leave`, { token: owner.deviceToken })).status).toBe(
      204,
    );
    expect(await opened.store.listDevices(owner.spaceId)).toEqual([]);
    expect(await opened.store.usage(owner.spaceId)).toEqual({ bytes: 0, records: 0 });
    const after = await client.send('GET', `${space}/pull`, { token: mentee.deviceToken });
    expect(after.status).toBe(401);

    // An owner may hand ownership on; DELETE /v1/spaces/:id ends the space too.
    const next = await createSpaceFrom(client, 'Mentor laptop');
    const desktop = await joinedDevice(client, next, 'Mentor desktop');
    expect(
      (
        await client.send('POST', `/v1/spaces/${next.spaceId}/devices/${desktop.deviceId}/owner`, {
          token: next.deviceToken,
        })
      ).status,
    ).toBe(204);
    // With another owner left, the first owner's leave is only a leave.
    await client.send('POST', `/v1/spaces/${next.spaceId}/leave`, { token: next.deviceToken });
    expect((await opened.store.listDevices(next.spaceId)).length).toBe(2);
    expect(
      (await client.send('DELETE', `/v1/spaces/${next.spaceId}`, { token: desktop.deviceToken }))
        .status,
    ).toBe(204);
    expect(await opened.store.listDevices(next.spaceId)).toEqual([]);
  });

  test('a forged X-Forwarded-For buys an untrusted address nothing; a device token is limited on every address', async () => {
    const { base } = await started(
      opened.store,
      {
        rateLimit: { burst: 5, perSecond: 0.01 },
        deviceRateLimit: { burst: 8, perSecond: 0.01 },
      },
      { trustProxy: ['127.0.0.9'] },
    );
    const forger = from(base, '127.0.0.14');
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) {
      const answer = await forger.send('GET', '/v1/health', {
        headers: { 'x-forwarded-for': `198.51.100.${index + 1}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);

    // Through the trusted proxy, each forwarded client has its own bucket.
    const proxy = from(base, '127.0.0.9');
    for (let index = 0; index < 8; index += 1) {
      const answer = await proxy.send('GET', '/v1/health', {
        headers: { 'x-forwarded-for': `203.0.113.${index + 1}` },
      });
      expect(answer.status).toBe(200);
    }

    // One device token, spread over many addresses: its own bucket still runs dry.
    const creator = from(base, '127.0.0.15');
    const mentor = await createSpaceFrom(creator);
    const byToken: number[] = [];
    for (let index = 0; index < 10; index += 1) {
      const client = from(base, `127.0.1.${index + 1}`);
      const answer = await client.send('GET', `/v1/spaces/${mentor.spaceId}/devices`, {
        token: mentor.deviceToken,
      });
      byToken.push(answer.status);
    }
    expect(byToken.filter((status) => status === 200)).toHaveLength(8);
    expect(byToken.slice(8)).toEqual([429, 429]);
  });

  test('slow and idle connections are let go, while an event stream stays open', async () => {
    const { base } = await started(opened.store, {
      rateLimit: roomyRate,
      timeouts: { requestMs: 1000, headersMs: 500, keepAliveMs: 500 },
    });
    const client = from(base, '127.0.0.16');
    const mentor = await createSpaceFrom(client);
    const stream = await eventStreamFrom(
      base,
      '127.0.0.17',
      `/v1/spaces/${mentor.spaceId}/events`,
      mentor.deviceToken,
    );
    expect(stream.status).toBe(200);

    // Headers that never finish: cut after the headers timeout.
    const slow = await rawSocket(base, '127.0.0.18');
    slow.socket.write('GET /v1/health HTTP/1.1\r\nHost: sidecar\r\nX-Slow: ');
    // A connection that says nothing at all.
    const silent = await rawSocket(base, '127.0.0.19');
    // A kept-alive connection that goes idle after one request.
    const idle = await rawSocket(base, '127.0.0.20');
    idle.socket.write('GET /v1/health HTTP/1.1\r\nHost: sidecar\r\n\r\n');
    await until('the idle connection’s answer', () => idle.received().includes('"ok":true'));
    await Promise.all([slow.closed, silent.closed, idle.closed]);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 [\s\S]*"code":"bad_request"/);

    // Well past the request timeout, the stream is still there and still hears pushes.
    const pushed = await client.send('POST', `/v1/spaces/${mentor.spaceId}/push`, {
      token: mentor.deviceToken,
      body: { mutations: [one(1)] },
    });
    expect(pushed.status).toBe(200);
    await until('the stream to hear seq 1', () => stream.text().includes('{"seq":1}'));
    stream.close();
  });

  test('the operator deletes a space and compacts the log from the command line', async () => {
    const { base } = await started(opened.store, { rateLimit: roomyRate });
    const client = from(base, '127.0.0.21');
    const keep = await createSpaceFrom(client);
    const gone = await createSpaceFrom(client);
    const versions = [one(1, 'goal-1'), one(2, 'goal-1'), one(3, 'note-1'), one(4, 'goal-1')];
    await client.send('POST', `/v1/spaces/${keep.spaceId}/push`, {
      token: keep.deviceToken,
      body: { mutations: versions },
    });
    const command = (...args: string[]) =>
      run(process.execPath, [sidecarBin, ...args], {
        cwd: sidecarPackage,
        env: { ...process.env, DATABASE_URL: '', SIDECAR_LOG_LEVEL: 'silent', ...opened.env },
      });
    expect((await command('compact', keep.spaceId)).stdout).toMatch(
      /compacted 1 space\(s\): removed 2 superseded entries/,
    );
    expect((await pullAll(client, keep)).map((entry) => entry.seq)).toEqual([3, 4]);
    expect((await command('delete-space', gone.spaceId)).stdout).toMatch(/deleted space/);
    const refused = await client.send('GET', `/v1/spaces/${gone.spaceId}/pull`, {
      token: gone.deviceToken,
    });
    expect(refused.status).toBe(401);
    await expect(command('delete-space', 'not-an-id')).rejects.toThrow(/not a space id/);
  });
});

describe('the sidecar refuses to be left open', () => {
  test('both stores refuse control characters with the very same answers', () => {
    expect(controlAnswers.get('sqlite')).toBeDefined();
    expect(controlAnswers.get('postgres')).toEqual(controlAnswers.get('sqlite'));
  });

  test('it will not start reachable from other machines without a creation token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-abuse-start-'));
    try {
      await expect(
        startSidecarProcess({ SIDECAR_DATA_DIR: dataDir, SIDECAR_TRUST_PROXY: 'true' }),
      ).rejects.toThrow(/exited with 1[\s\S]*SIDECAR_CREATE_TOKEN/);
      // With one, it starts, and creating a space takes the token.
      const sidecar = await startSidecarProcess({
        SIDECAR_DATA_DIR: dataDir,
        SIDECAR_TRUST_PROXY: 'true',
        SIDECAR_CREATE_TOKEN: 'operator-given-creation-token',
      });
      try {
        const client = clientFrom(sidecar.url, '127.0.0.22');
        const without = await client.send('POST', '/v1/spaces', { body: { deviceName: 'A' } });
        expect(without.status).toBe(401);
        expect(errorCode(without)).toBe('create_token_required');
        const wrong = await client.send('POST', '/v1/spaces', {
          body: { deviceName: 'A' },
          token: 'not-the-creation-token',
        });
        expect(wrong.status).toBe(401);
        const right = await client.send('POST', '/v1/spaces', {
          body: { deviceName: 'A' },
          token: 'operator-given-creation-token',
        });
        expect(right.status).toBe(201);
        client.close();
      } finally {
        await sidecar.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
