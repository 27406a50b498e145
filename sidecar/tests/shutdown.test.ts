import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceCredentials } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { createSpaceOver, pullAllOver, pushOver } from './helpers/http-client';
import { type SidecarProcess, startSidecarProcess } from './helpers/sidecar-process';

const running: SidecarProcess[] = [];
let dataDir = '';
afterEach(async () => {
  await Promise.all(running.splice(0).map((sidecar) => sidecar.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

const PUSHES = 60;
const PER_PUSH = 20;

function batch(pushIndex: number) {
  return Array.from({ length: PER_PUSH }, (_, index) => ({
    mutationId: pushIndex * PER_PUSH + index + 1,
    recordId: `note-${pushIndex}-${index}`,
    // ~40 KB per push: big enough that uploads are still arriving when the signal lands.
    envelope: {
      v: 1 as const,
      iv: randomBytes(12).toString('base64url'),
      ct: randomBytes(1500).toString('base64url'),
    },
  }));
}

describe('stopping the sidecar', () => {
  test('every push answered 200 before or during a SIGTERM is in the log after a restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-shutdown-'));
    // Sixty pushes at once from one address: more connections than one address may hold.
    const env = { SIDECAR_DATA_DIR: dataDir, SIDECAR_MAX_CONNECTIONS_PER_ADDRESS: '200' };
    const first = await startSidecarProcess(env);
    running.push(first);
    const mentor: DeviceCredentials = await createSpaceOver(first.url, 'Mentor laptop');

    let signalledAt = Number.POSITIVE_INFINITY;
    let stopped: Promise<number | null> | undefined;
    const outcomes = await Promise.all(
      Array.from({ length: PUSHES }, async (_, pushIndex) => {
        const mutations = batch(pushIndex);
        try {
          const response = await pushOver(first.url, mentor, mutations);
          // The first answer triggers the signal: the other pushes are in flight right then.
          stopped ??= first.stop('SIGTERM');
          if (signalledAt === Number.POSITIVE_INFINITY) signalledAt = Date.now();
          return {
            pushIndex,
            status: response.status,
            results: response.results,
            at: Date.now(),
          };
        } catch {
          return { pushIndex, status: 0, results: undefined, at: Date.now() }; // refused or cut off
        }
      }),
    );
    expect(await stopped).toBe(0);
    running.splice(0);

    const acknowledged = outcomes.filter((outcome) => outcome.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Only clean answers: a push is either stored and acknowledged, or refused at the door.
    for (const outcome of outcomes) expect([0, 200]).toContain(outcome.status);

    const second = await startSidecarProcess(env);
    running.push(second);
    const stored = new Map(
      (await pullAllOver(second.url, mentor)).map((entry) => [entry.mutationId, entry.seq]),
    );
    for (const outcome of acknowledged) {
      for (const result of outcome.results ?? []) {
        expect(stored.get(result.mutationId), `push ${outcome.pushIndex}`).toBe(result.seq);
      }
    }
    // The log has no holes: whatever was stored, committed whole.
    const seqs = [...stored.values()].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    expect(seqs.length % PER_PUSH).toBe(0);
    console.info(
      `shutdown: ${acknowledged.length}/${PUSHES} pushes acknowledged, ` +
        `${acknowledged.filter((outcome) => outcome.at > signalledAt).length} of them after the signal`,
    );
  });
});
