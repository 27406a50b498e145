import { afterEach, describe, expect, test } from 'vitest';
import { logEventWithSeq, openEventStream } from './helpers/event-stream-client';
import { opaqueEnvelope } from './helpers/fixtures';
import { call, createSpaceOver, pullAllOver, pushOver } from './helpers/http-client';
import { freshDatabase } from './helpers/postgres';
import { type SidecarProcess, startSidecarProcess } from './helpers/sidecar-process';

const running: SidecarProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sidecar) => sidecar.stop()));
});

describe('several sidecar processes on one PostgreSQL', () => {
  test('a panel listening on one process hears a push made through another', async () => {
    const databaseUrl = await freshDatabase('fleet');
    // Started together: both create the schema at once, which must not trip either of them.
    const [first, second] = await Promise.all([
      startSidecarProcess({ DATABASE_URL: databaseUrl }),
      startSidecarProcess({ DATABASE_URL: databaseUrl }),
    ]);
    if (!first || !second) throw new Error('sidecars did not start');
    running.push(first, second);
    expect((await call(first.url, 'GET', '/v1/health')).body).toEqual({
      ok: true,
      store: 'postgres',
    });

    const mentor = await createSpaceOver(first.url, 'Mentor laptop');
    // The mentee's panel is connected to the other process.
    const stream = await openEventStream(
      `${second.url}/v1/spaces/${mentor.spaceId}/events`,
      mentor.deviceToken,
    );
    await stream.waitFor((event) => event.comment === 'connected');

    const pushed = await pushOver(first.url, mentor, [
      { mutationId: 1, recordId: 'goal-1', envelope: opaqueEnvelope() },
    ]);
    expect(pushed.status).toBe(200);
    await stream.waitFor(logEventWithSeq(1));

    // And the other way round, with seqs continuing across processes.
    const viaSecond = await pushOver(second.url, mentor, [
      { mutationId: 2, recordId: 'goal-2', envelope: opaqueEnvelope() },
    ]);
    expect(viaSecond.results).toEqual([{ mutationId: 2, seq: 2 }]);
    await stream.waitFor(logEventWithSeq(2));
    stream.close();
  });

  test('pushes spread over two processes get one gapless sequence', async () => {
    const databaseUrl = await freshDatabase('fleet_seq');
    const first = await startSidecarProcess({ DATABASE_URL: databaseUrl });
    const second = await startSidecarProcess({ DATABASE_URL: databaseUrl });
    running.push(first, second);
    const mentor = await createSpaceOver(first.url, 'Mentor laptop');
    const pushes = Array.from({ length: 40 }, (_, index) =>
      pushOver(index % 2 === 0 ? first.url : second.url, mentor, [
        { mutationId: index + 1, recordId: `note-${index}`, envelope: opaqueEnvelope() },
      ]),
    );
    const results = await Promise.all(pushes);
    expect(results.map((result) => result.status)).toEqual(Array(40).fill(200));
    const entries = await pullAllOver(second.url, mentor);
    expect(entries.map((entry) => entry.seq)).toEqual(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
  });
});
