import { randomUUID, webcrypto } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceCredentials, Envelope } from '@tandem/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { createSpaceOver, pullAllOver, pushOver } from './helpers/http-client';
import { type SidecarProcess, startSidecarProcess } from './helpers/sidecar-process';

/**
 * What the server holds is what a thief of its disk would get. The extension encrypts before
 * pushing, so the data dir must not contain a word of the pair's records in any common encoding.
 */

const SECRETS = [
  "Private: Priya's salary concern",
  'Goal: lead the launch',
  'priya.shah@example.com',
];
const { subtle } = webcrypto;

const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** AES-256-GCM like the extension's envelopes: associated data binds space and record. */
async function seal(
  key: CryptoKey,
  spaceId: string,
  recordId: string,
  plaintext: string,
): Promise<Envelope> {
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`${spaceId}|${recordId}|1`) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return { v: 1, iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ciphertext)) };
}

async function open(
  key: CryptoKey,
  spaceId: string,
  recordId: string,
  envelope: Envelope,
): Promise<string> {
  const plaintext = await subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: Buffer.from(envelope.iv, 'base64url'),
      additionalData: new TextEncoder().encode(`${spaceId}|${recordId}|1`),
    },
    key,
    Buffer.from(envelope.ct, 'base64url'),
  );
  return new TextDecoder().decode(plaintext);
}

/** Every spelling of a secret a careless server might have left on disk. */
function spellings(secret: string): Buffer[] {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64')),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64url')),
  ];
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

let sidecar: SidecarProcess | undefined;
let dataDir = '';
afterEach(async () => {
  await sidecar?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('what the server keeps on disk', () => {
  test('holds no plaintext of the pair’s records, running or stopped, WAL included', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-privacy-'));
    sidecar = await startSidecarProcess({ SIDECAR_DATA_DIR: dataDir });
    const mentor: DeviceCredentials = await createSpaceOver(sidecar.url, 'Device A');
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const records = SECRETS.map((text) => ({ recordId: randomUUID(), text }));
    const mutations = await Promise.all(
      records.map(async (record, index) => ({
        mutationId: index + 1,
        recordId: record.recordId,
        envelope: await seal(key, mentor.spaceId, record.recordId, record.text),
      })),
    );
    expect((await pushOver(sidecar.url, mentor, mutations)).status).toBe(200);

    // The pair can read its records back; the server only ever had the ciphertext.
    const entries = await pullAllOver(sidecar.url, mentor);
    const readBack = await Promise.all(
      entries.map((entry) => open(key, mentor.spaceId, entry.recordId, entry.envelope)),
    );
    expect(readBack).toEqual(SECRETS);

    const check = (moment: string) => {
      const files = filesIn(dataDir);
      const everything = Buffer.concat(files.map((path) => readFileSync(path)));
      // The scan reads the right bytes: the ciphertext itself is there.
      expect(everything.includes(Buffer.from(mutations[0]?.envelope.ct ?? '-')), moment).toBe(true);
      for (const path of files) {
        const bytes = readFileSync(path);
        for (const secret of SECRETS) {
          for (const spelling of spellings(secret)) {
            expect(bytes.includes(spelling), `${moment}: "${secret}" in ${path}`).toBe(false);
          }
        }
      }
      return files.map((path) => path.slice(dataDir.length + 1)).sort();
    };

    // Running: the newest writes live in the write-ahead log.
    expect(check('while running')).toEqual(
      expect.arrayContaining([
        'tandem-sidecar.sqlite',
        'tandem-sidecar.sqlite-wal',
        'tandem-sidecar.sqlite-shm',
      ]),
    );
    expect(await sidecar.stop()).toBe(0);
    expect(check('after stopping')).toContain('tandem-sidecar.sqlite');
  });
});
