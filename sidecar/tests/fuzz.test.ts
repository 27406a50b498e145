import { createSpaceRequest, type DeviceCredentials, errorResponse } from '@tandem/protocol';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newSecretToken } from '../src/tokens';
import { manualClock, opaqueEnvelope } from './helpers/fixtures';
import {
  bearer,
  createSpace,
  inviteAndJoin,
  makeTestApp,
  push,
  TEST_PUBLIC_KEY,
  type TestApp,
} from './helpers/test-app';

/**
 * Ten thousand hostile requests — malformed, oversized, cross-space, badly authenticated —
 * against one app. Every answer must be a 4xx with the JSON error shape, and the victim pair's
 * log and devices must be exactly what they were. Seeded, so a failure replays the same way.
 */

const REQUESTS = 10_000;
const SEED = 0x7a_9d_31;

/** mulberry32: small, fast, and the same sequence on every machine. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(SEED);
const chance = (probability: number) => random() < probability;
const integer = (max: number) => Math.floor(random() * max);
function pick<T>(items: readonly T[]): T {
  return items[integer(items.length)] as T;
}

const HUGE = 'x'.repeat(1024 * 1024 + 10);
const BIG = 'A'.repeat(300_000);
const KEYS = [
  'mutations',
  'mutationId',
  'recordId',
  'envelope',
  'v',
  'iv',
  'ct',
  'deviceName',
  'inviteToken',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'seq',
  'spaceId',
  'deviceId',
  '',
];

function randomString(): string {
  return pick([
    () => '',
    () => 'Mentor laptop',
    () => 'ü'.repeat(integer(200)),
    () => '\u0000\u0001\u202e',
    () => "'; DROP TABLE log; --",
    () => (chance(0.2) ? BIG : 'x'.repeat(101)),
    () => newSecretToken(),
    () => 'A'.repeat(16),
    () => String.fromCharCode(...Array.from({ length: integer(40) }, () => integer(0xd7ff))),
  ])();
}

function randomValue(depth: number): unknown {
  const kinds = depth > 3 ? 5 : 7;
  switch (integer(kinds)) {
    case 0:
      return pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 2 ** 31]);
    case 1:
      return randomString();
    case 2:
      return pick([true, false]);
    case 3:
      return null;
    case 4:
      return pick([[], {}, '1', [1]]);
    case 5:
      return Array.from({ length: integer(4) }, () => randomValue(depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: integer(5) }, () => [pick(KEYS), randomValue(depth + 1)]),
      );
  }
}

/** A push that is almost right: one field broken. */
function nearlyValidPush(): unknown {
  const mutation: Record<string, unknown> = {
    mutationId: 1 + integer(1000),
    recordId: 'goal-1',
    envelope: opaqueEnvelope(),
  };
  const field = pick(['mutationId', 'recordId', 'envelope', 'v', 'iv', 'ct', 'none']);
  const broken = randomValue(2);
  if (field === 'v' || field === 'iv' || field === 'ct') {
    (mutation.envelope as Record<string, unknown>)[field] = broken;
  } else if (field !== 'none') {
    mutation[field] = broken;
  }
  return { mutations: chance(0.1) ? Array.from({ length: 501 }, () => mutation) : [mutation] };
}

function randomBody(): string | undefined {
  // Oversized bodies cost a megabyte each: a few hundred of them prove the point.
  if (chance(0.03)) return JSON.stringify({ deviceName: HUGE });
  return pick([
    () => undefined,
    () => '',
    () => JSON.stringify(randomValue(0)),
    () => JSON.stringify(nearlyValidPush()),
    () => JSON.stringify({ deviceName: randomValue(1) }),
    () => '{"__proto__": {"admin": true}, "mutations": []}',
    () => '{"constructor": {"prototype": {"admin": true}}}',
    () => `${'['.repeat(5000)}${']'.repeat(5000)}`,
    () => `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
    () => '{"mutations": [',
    () => 'null',
    () => '\u0000\u0000',
    () => 'deviceName=Mentor',
  ])();
}

describe('hostile requests', () => {
  let sidecar: TestApp;
  let victim: DeviceCredentials;
  let attacker: DeviceCredentials;
  let tokens: (string | undefined)[];
  let spaceIds: string[];
  let deviceIds: string[];
  let unusedInvite: string;
  let before: string;

  async function victimSnapshot() {
    const log = await sidecar.store.pull(victim.spaceId, { after: 0, limit: 1000, maxBytes: 1e9 });
    const devices = await sidecar.store.listDevices(victim.spaceId);
    return JSON.stringify({ log, devices });
  }

  beforeAll(async () => {
    // A frozen clock keeps lastSeenAt from moving; a huge bucket keeps 429s out of the way.
    sidecar = makeTestApp({
      clock: manualClock(),
      limits: { rateLimit: { burst: 1e9, perSecond: 1e9 } },
    });
    const { app } = sidecar;
    attacker = await createSpace(app, 'Other pair');
    victim = await createSpace(app, 'Mentor laptop');
    const revoked = await inviteAndJoin(app, victim, 'Lost phone');
    await push(app, victim, [{ mutationId: 1, recordId: 'goal-1', envelope: opaqueEnvelope() }]);
    await push(app, revoked, [{ mutationId: 1, recordId: 'note-1', envelope: opaqueEnvelope() }]);
    await app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${victim.spaceId}/devices/${revoked.deviceId}`,
      headers: bearer(victim.deviceToken),
    });
    const usedInvite = (
      await app.inject({
        method: 'POST',
        url: `/v1/spaces/${victim.spaceId}/invites`,
        headers: bearer(victim.deviceToken),
      })
    ).json().inviteToken;
    await app.inject({
      method: 'POST',
      url: `/v1/spaces/${victim.spaceId}/join`,
      payload: { inviteToken: usedInvite, deviceName: 'Mentee laptop', publicKey: TEST_PUBLIC_KEY },
    });
    unusedInvite = (
      await app.inject({
        method: 'POST',
        url: `/v1/spaces/${victim.spaceId}/invites`,
        headers: bearer(victim.deviceToken),
      })
    ).json().inviteToken;
    const attackerInvite = (
      await app.inject({
        method: 'POST',
        url: `/v1/spaces/${attacker.spaceId}/invites`,
        headers: bearer(attacker.deviceToken),
      })
    ).json().inviteToken;

    // Every credential an attacker might hold; never a live token of the victim's space.
    const revokedBearer = `Bearer ${revoked.deviceToken}`;
    tokens = [
      undefined,
      `Bearer ${attacker.deviceToken}`,
      `bearer ${attacker.deviceToken}`,
      revokedBearer,
      `Bearer ${usedInvite}`,
      `Bearer ${unusedInvite}`,
      `Bearer ${attackerInvite}`,
      `Bearer ${newSecretToken()}`,
      `Bearer ${attacker.deviceToken}x`,
      `Basic ${attacker.deviceToken}`,
      'Bearer',
      'Bearer ',
      `Bearer ${'A'.repeat(10_000)}`,
      `Bearer ${attacker.deviceToken}, Bearer ${revoked.deviceToken}`,
      '\u0000',
    ];
    spaceIds = [
      victim.spaceId,
      victim.spaceId,
      victim.spaceId.toLowerCase(),
      `${victim.spaceId}x`,
      'AAAAAAAAAAAAAAAAAAAAAA',
      '',
      '..',
      '%2e%2e',
      '%00',
      '%zz',
      'ü',
      'A'.repeat(5000),
      encodeURIComponent(victim.spaceId),
    ];
    deviceIds = [victim.deviceId, revoked.deviceId, attacker.deviceId, 'x', 'A'.repeat(200), '%'];
    before = await victimSnapshot();
  });

  afterAll(async () => {
    await sidecar.close();
  });

  function randomRequest(): InjectOptions {
    const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const);
    const space = pick(spaceIds);
    const path = pick([
      '/v1/spaces',
      `/v1/spaces/${space}`,
      `/v1/spaces/${space}/push`,
      `/v1/spaces/${space}/pull`,
      `/v1/spaces/${space}/events`,
      `/v1/spaces/${space}/devices`,
      `/v1/spaces/${space}/devices/${pick(deviceIds)}`,
      `/v1/spaces/${space}/invites`,
      `/v1/spaces/${space}/join`,
      `/v1/spaces/${space}/leave`,
      `/v1/spaces/${space}/push/extra`,
      '/v1/health/x',
      '/v2/spaces',
      '/',
      '//v1//spaces',
      // Dot segments that resolve into the victim’s space (inject normalises them like a URL).
      `/v1/spaces/${attacker.spaceId}/%2e%2e/${space}/pull`,
      `/${randomString().replace(/[#?]/g, '')}`,
    ]);
    const query = chance(0.4)
      ? `?${pick(['after', 'limit', 'after[]', '__proto__', 'constructor'])}=${encodeURIComponent(
          pick([
            '-1',
            '1e9',
            'NaN',
            '',
            '0x10',
            '99999999999999999999',
            '1001',
            ' 1',
            '1.5',
            HUGE.slice(0, 20_000),
            '%00',
          ]),
        )}${chance(0.5) ? `&${pick(['after', 'limit'])}=${pick(['2', 'x', ''])}` : ''}`
      : '';
    const headers: Record<string, string> = {};
    const authorization = pick(tokens);
    if (authorization !== undefined) headers.authorization = authorization;
    const contentType = pick([
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/JSON',
      'application/merge-patch+json',
      ';;;',
      undefined,
    ]);
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (chance(0.1))
      headers.origin = pick([
        'chrome-extension://abcdefghijklmnop',
        'https://evil.example',
        'null',
      ]);
    if (chance(0.05)) headers['access-control-request-method'] = 'POST';

    let payload = randomBody();
    if (method === 'POST' && path === '/v1/spaces' && payload !== undefined) {
      // A well-formed create-space request is allowed to succeed; keep this one malformed.
      const parsed = safeJson(payload);
      if (createSpaceRequest.safeParse(parsed).success) payload = '{"deviceName": 42}';
    }
    if (method === 'POST' && path.endsWith('/join') && chance(0.3)) {
      payload = JSON.stringify({
        inviteToken: pick([newSecretToken(), attacker.deviceToken]),
        deviceName: 'Intruder',
        publicKey: TEST_PUBLIC_KEY,
      });
    }
    if (
      method === 'OPTIONS' &&
      headers.origin?.startsWith('chrome-extension') &&
      headers['access-control-request-method']
    ) {
      // An allowed preflight is meant to succeed; ask it from a web page instead.
      headers.origin = 'https://evil.example';
    }
    if ((method === 'GET' || method === 'HEAD') && path === '/v1/health')
      headers.origin = 'https://evil.example';
    return {
      method,
      url: `${path}${query}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    };
  }

  test(`answers ${REQUESTS} malformed, oversized and cross-space requests with JSON 4xx errors only`, async () => {
    const { app } = sidecar;
    const statuses = new Map<number, number>();
    for (let index = 0; index < REQUESTS; index += 1) {
      const request = randomRequest();
      const response = await app.inject(request);
      const where = `#${index} ${request.method} ${String(request.url).slice(0, 120)} → ${response.statusCode} ${response.body.slice(0, 200)}`;
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect(response.statusCode >= 400 && response.statusCode < 500, where).toBe(true);
      expect(String(response.headers['content-type']), where).toMatch(/^application\/json/);
      if (request.method === 'HEAD') continue; // HEAD answers carry headers only
      const body = safeJson(response.body);
      expect(errorResponse.safeParse(body).success, where).toBe(true);
      expect(Object.keys(body as object), where).toEqual(['error']);
      expect(response.body, where).not.toMatch(/FST_|SQLITE|node_modules|\.ts:\d|at \w+ \(/);
    }
    // The run covered the interesting answers, not just one kind of refusal.
    for (const status of [400, 401, 403, 404, 413, 415])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(20);
  });

  test('leaves the victim’s log and devices exactly as they were, and its invite still usable', async () => {
    expect(await victimSnapshot()).toBe(before);
    const join = await sidecar.app.inject({
      method: 'POST',
      url: `/v1/spaces/${victim.spaceId}/join`,
      payload: {
        inviteToken: unusedInvite,
        deviceName: 'Mentee tablet',
        publicKey: TEST_PUBLIC_KEY,
      },
    });
    expect(join.statusCode).toBe(201);
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
