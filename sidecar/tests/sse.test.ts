import type { AddressInfo } from 'node:net';
import { logEvent } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { logEventWithSeq, openEventStream } from './helpers/event-stream-client';
import { opaqueEnvelope } from './helpers/fixtures';
import {
  bearer,
  createSpace,
  inviteAndJoin,
  makeTestApp,
  push,
  type TestApp,
} from './helpers/test-app';

let sidecar: TestApp;
afterEach(async () => {
  await sidecar.close();
});

async function listen(testApp: TestApp): Promise<string> {
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = testApp.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

const oneMutation = (mutationId: number) => [
  { mutationId, recordId: `goal-${mutationId}`, envelope: opaqueEnvelope() },
];

describe('live updates over server-sent events', () => {
  test('an open panel hears when the other device pushes', async () => {
    sidecar = makeTestApp();
    const base = await listen(sidecar);
    const mentor = await createSpace(sidecar.app);
    const mentee = await inviteAndJoin(sidecar.app, mentor);

    const stream = await openEventStream(
      `${base}/v1/spaces/${mentee.spaceId}/events`,
      mentee.deviceToken,
    );
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.waitFor((event) => event.comment === 'connected');

    await push(sidecar.app, mentor, oneMutation(1));
    const event = await stream.waitFor(logEventWithSeq(1));
    expect(logEvent.parse(JSON.parse(event.data ?? ''))).toEqual({ seq: 1 });
    await push(sidecar.app, mentor, [...oneMutation(2), ...oneMutation(3)]);
    await stream.waitFor(logEventWithSeq(3));
    stream.close();
  });

  test('a panel that connects late is told where the log stands at once', async () => {
    sidecar = makeTestApp();
    const base = await listen(sidecar);
    const mentor = await createSpace(sidecar.app);
    await push(sidecar.app, mentor, [...oneMutation(1), ...oneMutation(2)]);
    const stream = await openEventStream(
      `${base}/v1/spaces/${mentor.spaceId}/events`,
      mentor.deviceToken,
    );
    await stream.waitFor(logEventWithSeq(2));
    stream.close();
  });

  test('a quiet stream gets heartbeats, and a revoked device’s stream is closed', async () => {
    sidecar = makeTestApp({ limits: { heartbeatMs: 100 } });
    const base = await listen(sidecar);
    const mentor = await createSpace(sidecar.app);
    const lostPhone = await inviteAndJoin(sidecar.app, mentor, 'Lost phone');
    const stream = await openEventStream(
      `${base}/v1/spaces/${mentor.spaceId}/events`,
      lostPhone.deviceToken,
    );
    await stream.waitFor((event) => event.comment === 'heartbeat');
    await sidecar.app.inject({
      method: 'DELETE',
      url: `/v1/spaces/${mentor.spaceId}/devices/${lostPhone.deviceId}`,
      headers: bearer(mentor.deviceToken),
    });
    await stream.ended;
    const refused = await fetch(`${base}/v1/spaces/${mentor.spaceId}/events`, {
      headers: { authorization: `Bearer ${lostPhone.deviceToken}` },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('an open stream carries CORS headers for the extension and does not hold up shutdown', async () => {
    sidecar = makeTestApp({ allowedOrigins: ['chrome-extension://abcdefghijklmnop'] });
    const base = await listen(sidecar);
    const mentor = await createSpace(sidecar.app);
    const response = await fetch(`${base}/v1/spaces/${mentor.spaceId}/events`, {
      headers: { ...bearer(mentor.deviceToken), origin: 'chrome-extension://abcdefghijklmnop' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    const drained = response.text();
    await sidecar.app.close();
    await drained; // the server ended the stream, so reading it finishes
  });
});
