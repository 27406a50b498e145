import { errorResponse, MAX_PAGE } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app';
import type { Store } from '../src/store/types';
import { opaqueEnvelope } from './helpers/fixtures';
import { bearer, createSpace, makeTestApp, push, type TestApp } from './helpers/test-app';

let sidecar: TestApp;
afterEach(async () => {
  await sidecar.close();
});

/** Every error the sidecar sends: JSON of exactly the protocol's shape, nothing more. */
function expectError(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(errorResponse.parse(body)).toEqual(body);
  expect(body.error.code).toBe(code);
}

describe('errors the extension can rely on', () => {
  test('answers an unknown route or method with not_found', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    expectError(await app.inject({ method: 'GET', url: '/v2/spaces' }), 404, 'not_found');
    expectError(await app.inject({ method: 'PUT', url: '/v1/health' }), 404, 'not_found');
    expectError(await app.inject({ method: 'OPTIONS', url: '/v1/health' }), 404, 'not_found');
  });

  test('answers malformed JSON, prototype keys, wrong content types and bad fields with bad_request', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const post = (payload: string, contentType: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/spaces',
        payload,
        headers: { 'content-type': contentType },
      });
    const malformed = await post('{"deviceName": "Mentor', 'application/json');
    expectError(malformed, 400, 'bad_request');
    expect(malformed.body).not.toMatch(/Unexpected|position|FST_/);
    expectError(
      await post('{"__proto__": {"admin": true}}', 'application/json'),
      400,
      'bad_request',
    );
    expectError(
      await post('{"constructor": {"prototype": {}}}', 'application/json'),
      400,
      'bad_request',
    );
    expectError(
      await post('deviceName=x', 'application/x-www-form-urlencoded'),
      415,
      'bad_request',
    );
    expectError(await post('deviceName', 'text/plain'), 415, 'bad_request');
    const wrongType = await post('{"deviceName": 42}', 'application/json');
    expectError(wrongType, 400, 'bad_request');
    expect(wrongType.json().error.message).toMatch(/^body\.deviceName: /);
    expectError(
      await post(JSON.stringify({ deviceName: 'x'.repeat(101) }), 'application/json'),
      400,
      'bad_request',
    );
    expectError(
      await app.inject({ method: 'GET', url: '/v1/spaces/%E0%A4%A/pull' }),
      400,
      'bad_request',
    );
  });

  test('answers a push with a malformed envelope with bad_request and stores nothing', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const good = { mutationId: 1, recordId: 'goal-1', envelope: opaqueEnvelope() };
    const bad = [
      { ...good, envelope: { ...good.envelope, v: 0 } },
      { ...good, envelope: { ...good.envelope, iv: 'short' } },
      { ...good, envelope: { ...good.envelope, ct: 'not base64url!' } },
      { ...good, mutationId: 0 },
      { ...good, mutationId: 1.5 },
      { ...good, recordId: 'has spaces' },
    ];
    for (const mutation of bad) {
      expectError(await push(app, mentor, [good, mutation as typeof good]), 400, 'bad_request');
    }
    expectError(await push(app, mentor, []), 400, 'bad_request');
    expect(await sidecar.store.lastSeq(mentor.spaceId)).toBe(0);
  });

  test('asks for a token: missing, malformed and unknown tokens are unauthorized', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const url = `/v1/spaces/${mentor.spaceId}/pull`;
    expectError(await app.inject({ method: 'GET', url }), 401, 'unauthorized');
    expectError(
      await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer x' } }),
      401,
      'unauthorized',
    );
    expectError(
      await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Basic ${mentor.deviceToken}` },
      }),
      401,
      'unauthorized',
    );
    expectError(
      await app.inject({ method: 'GET', url, headers: bearer('A'.repeat(43)) }),
      401,
      'unauthorized',
    );
  });

  test('refuses pull pages beyond MAX_PAGE and cursors that are not whole numbers', async () => {
    sidecar = makeTestApp();
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const pullWith = (query: string) =>
      app.inject({
        method: 'GET',
        url: `/v1/spaces/${mentor.spaceId}/pull?${query}`,
        headers: bearer(mentor.deviceToken),
      });
    expect((await pullWith(`limit=${MAX_PAGE}`)).statusCode).toBe(200);
    for (const query of [
      `limit=${MAX_PAGE + 1}`,
      'limit=0',
      'after=-1',
      'after=1e3',
      'after=abc',
      'after=1&after=2',
      'limit=',
    ]) {
      expectError(await pullWith(query), 400, 'bad_request');
    }
  });

  test('refuses a body over the size limit with 413 payload_too_large', async () => {
    sidecar = makeTestApp({ limits: { bodyLimit: 64 * 1024 } });
    const { app } = sidecar;
    const mentor = await createSpace(app);
    const large = Array.from({ length: 10 }, (_, index) => ({
      mutationId: index + 1,
      recordId: `note-${index}`,
      envelope: opaqueEnvelope(10_000),
    }));
    expectError(await push(app, mentor, large), 413, 'payload_too_large');
    expect(await sidecar.store.lastSeq(mentor.spaceId)).toBe(0);
  });

  test('refuses a 2 MiB body with the default limit of 1 MiB', async () => {
    sidecar = makeTestApp();
    const response = await sidecar.app.inject({
      method: 'POST',
      url: '/v1/spaces',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ deviceName: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expectError(response, 413, 'payload_too_large');
  });

  test('slows down a client that sends too many requests, with 429 and Retry-After', async () => {
    sidecar = makeTestApp({ limits: { rateLimit: { burst: 5, perSecond: 0.5 } } });
    const { app } = sidecar;
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      statuses.push((await app.inject({ method: 'GET', url: '/v1/health' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await app.inject({ method: 'GET', url: '/v1/health' });
    expectError(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBe('2');
    // Another client is not slowed down by the first one.
    const other = await app.inject({
      method: 'GET',
      url: '/v1/health',
      remoteAddress: '127.0.0.9',
    });
    expect(other.statusCode).toBe(200);
  });

  test('never leaks internals when the database fails', async () => {
    const failing = {
      kind: 'sqlite',
      createSpace: async () => {
        throw new Error(
          'SQLITE_CORRUPT: database disk image is malformed (/srv/tandem/data.sqlite)',
        );
      },
    } as unknown as Store;
    const app = buildApp({ store: failing });
    sidecar = { app, store: failing, dataDir: '', close: () => app.close() };
    const response = await app.inject({
      method: 'POST',
      url: '/v1/spaces',
      payload: { deviceName: 'Mentor laptop' },
    });
    expectError(response, 500, 'internal');
    expect(response.body).not.toMatch(/SQLITE|srv|stack|at /);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS' as const,
    url: '/v1/spaces/AAAAAAAAAAAAAAAAAAAAAA/push',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

  test('lets the extension’s pages call the sidecar, with the Authorization header', async () => {
    sidecar = makeTestApp({
      allowedOrigins: [
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'moz-extension://0a1b2c3d-1111-2222-3333-444455556666',
      ],
    });
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0a1b2c3d-1111-2222-3333-444455556666',
    ]) {
      const response = await sidecar.app.inject(preflight(origin));
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(String(response.headers['access-control-allow-headers'])).toMatch(/authorization/);
      expect(String(response.headers['access-control-allow-methods'])).toMatch(/POST/);
    }
    const health = await sidecar.app.inject({
      method: 'GET',
      url: '/v1/health',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    });
    expect(health.statusCode).toBe(200);
    expect(health.headers['access-control-allow-origin']).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
  });

  test('refuses every extension until its origin is listed', async () => {
    sidecar = makeTestApp();
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0a1b2c3d-1111-2222-3333-444455556666',
    ]) {
      expectError(await sidecar.app.inject(preflight(origin)), 403, 'origin_not_allowed');
    }
    // curl, servers and the tests send no Origin: CORS is a browser matter.
    expect((await sidecar.app.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(200);
  });

  test('refuses web pages, preflight or not', async () => {
    sidecar = makeTestApp();
    const response = await sidecar.app.inject(preflight('https://evil.example'));
    expectError(response, 403, 'origin_not_allowed');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await sidecar.app.inject({
      method: 'POST',
      url: '/v1/spaces',
      headers: { origin: 'https://evil.example' },
      payload: { deviceName: 'Mentor laptop' },
    });
    expectError(simple, 403, 'origin_not_allowed');
    for (const origin of [
      'null',
      'chrome-extension://abc.evil.example',
      'https://chrome-extension.example',
    ]) {
      expectError(await sidecar.app.inject(preflight(origin)), 403, 'origin_not_allowed');
    }
  });

  test('follows a configured list of origins', async () => {
    sidecar = makeTestApp({
      allowedOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
    });
    expect(
      (await sidecar.app.inject(preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop')))
        .statusCode,
    ).toBe(204);
    expectError(
      await sidecar.app.inject(preflight('chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba')),
      403,
      'origin_not_allowed',
    );
  });
});
