import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LogEntry } from '@tandem/protocol';
import { afterAll, beforeAll } from 'vitest';
import { openPrivateDb, openSharedDb } from '../../utils/data/db';
import { createHlc } from '../../utils/data/hlc';
import {
  addAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../../utils/data/records/agenda-items';
import { addNote, saveNoteBody } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import type { Store } from '../../utils/data/records/store';
import { sharedTables } from '../../utils/schema/tables';
import { sidecarClient } from '../../utils/sync/client';
import { SyncEngine } from '../../utils/sync/engine/sync-engine';
import { LOCAL_FIELDS } from '../../utils/sync/merge';
import { joinAndLetIn } from '../unit/sync/join';
import { seededRandom } from '../unit/sync/random';

/**
 * Two (or more) Tandem sync clients in one Node process — each with its own databases on
 * fake-indexeddb (distinct names) — against a real sidecar process (the @tandem/sidecar
 * package's `tandem-sidecar` bin, what `npm run sidecar` runs) on a random port with a temporary
 * SQLite data directory. Used by tests/integration/*.test.ts and scripts/torture.ts.
 */

const ROOT = resolve(import.meta.dirname, '../..');

/** The sidecar's bin, found through the installed workspace package rather than its sources. */
function sidecarBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@tandem/sidecar/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: Record<string, string>;
  };
  const bin = manifest.bin['tandem-sidecar'];
  if (!bin) throw new Error('@tandem/sidecar has no tandem-sidecar bin');
  return join(dirname(manifestPath), bin);
}

export interface Sidecar {
  url: string;
  port: number;
  dataDir: string;
  /** Starts (or restarts) the process on the same port and data; resolves once it answers. */
  start(): Promise<void>;
  /** Kills it at once (SIGKILL: no graceful shutdown) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
  readonly running: boolean;
  /** The last lines it wrote (for failure messages). */
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function startSidecar(): Promise<Sidecar> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-sidecar-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output: string[] = [];
  const sidecar: Sidecar = {
    url,
    port,
    dataDir,
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    output: () => output.slice(-40).join(''),
    async start() {
      output = [];
      child = spawn(process.execPath, [sidecarBin()], {
        cwd: ROOT,
        env: {
          ...process.env,
          SIDECAR_PORT: String(port),
          SIDECAR_HOST: '127.0.0.1',
          SIDECAR_DATA_DIR: dataDir,
          SIDECAR_LOG_LEVEL: 'warn',
          // The clients of these tests are one address hammering on purpose.
          SIDECAR_RATE_BURST: '1000000',
          SIDECAR_RATE_PER_SECOND: '1000000',
          SIDECAR_DEVICE_RATE_BURST: '1000000',
          SIDECAR_DEVICE_RATE_PER_SECOND: '1000000',
          SIDECAR_CREATE_PER_HOUR: '1000000',
          // The browser tests load the unpacked build, whose id depends on its folder.
          SIDECAR_ALLOWED_ORIGINS: 'chrome-extension://*,moz-extension://*',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk) => output.push(String(chunk)));
      child.stderr?.on('data', (chunk) => output.push(String(chunk)));
      const started = Date.now();
      const client = sidecarClient(url, undefined, { timeoutMs: 1_000 });
      while (Date.now() - started < 90_000) {
        if (!sidecar.running) throw new Error(`The sidecar exited at start:\n${sidecar.output()}`);
        const health = await client.health();
        if (health.ok) return;
        await sleep(25);
      }
      throw new Error(`The sidecar did not start within 90 s:\n${sidecar.output()}`);
    },
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const gone = new Promise((done) => running.once('exit', done));
      running.kill('SIGKILL');
      await gone;
    },
    async dispose() {
      await sidecar.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await sidecar.start();
  return sidecar;
}

/**
 * One sidecar for a test file, started before its tests and gone after them with the clients
 * the tests made: `const { sidecar, client } = useSidecar();` at the top of the file.
 */
export function useSidecar(): { readonly sidecar: Sidecar; client(name: string): Client } {
  let started: Sidecar | undefined;
  const clients: Client[] = [];
  beforeAll(async () => {
    started = await startSidecar();
  });
  afterAll(async () => {
    for (const made of clients.splice(0)) made.close();
    await started?.dispose();
  });
  return {
    get sidecar() {
      if (!started) throw new Error('The sidecar starts in beforeAll: use it inside a test.');
      return started;
    },
    client(name) {
      const made = makeClient(name);
      clients.push(made);
      return made;
    },
  };
}

/** A push answered by the sidecar: which mutation got which seq. */
export interface Ack {
  mutationId: number;
  seq: number;
}

export interface Client {
  name: string;
  store: Store;
  engine: SyncEngine;
  /** While true every request fails as if the network were down. */
  offline: boolean;
  /** Every push the sidecar answered. */
  acks: Ack[];
  /** How many push requests were answered. */
  answered: number;
  /** Mutation ids of pushes that got no answer (the sidecar died, or the network). */
  unanswered: number[];
  /** Called when a push request has left, before its answer (to kill the sidecar mid-push). */
  onPushSent?: () => void;
  /** A new engine on the same databases: what a browser restart leaves. */
  restart(): void;
  close(): void;
}

let clientCount = 0;

export function makeClient(name: string): Client {
  clientCount += 1;
  const suffix = `${name}-${clientCount}-${crypto.randomUUID()}`;
  const deviceId = `${name}-${crypto.randomUUID()}`;
  const store: Store = {
    db: openSharedDb(`tandem-${suffix}`),
    privateDb: openPrivateDb(`tandem-private-${suffix}`),
    deviceId,
    clock: createHlc(deviceId),
    now: Date.now,
    newId: () => crypto.randomUUID(),
  };
  const client: Client = {
    name,
    store,
    offline: false,
    acks: [],
    answered: 0,
    unanswered: [],
    engine: undefined as unknown as SyncEngine,
    restart() {
      client.engine = new SyncEngine(store, { fetch: recordingFetch, timeoutMs: 5_000 });
    },
    close() {
      store.db.close();
      store.privateDb.close();
    },
  };
  const recordingFetch: typeof fetch = async (input, init) => {
    if (client.offline) throw new TypeError('Failed to fetch (offline, simulated)');
    const isPush = String(input).endsWith('/push');
    const ids: number[] = isPush
      ? (JSON.parse(String(init?.body)) as { mutations: { mutationId: number }[] }).mutations.map(
          (m) => m.mutationId,
        )
      : [];
    const pending = fetch(input, init);
    if (isPush) client.onPushSent?.();
    let response: Response;
    try {
      response = await pending;
    } catch (error) {
      client.unanswered.push(...ids);
      throw error;
    }
    if (isPush && response.ok) {
      try {
        const body = (await response.clone().json()) as { results: Ack[] };
        client.acks.push(...body.results);
        client.answered += 1;
      } catch (error) {
        client.unanswered.push(...ids);
        throw error;
      }
    }
    return response;
  };
  client.restart();
  return client;
}

/** Every shared record of a pair, per table, without what is one browser's own (my role). */
export async function sharedState(
  store: Store,
  pairId: string,
): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const table of Object.keys(sharedTables) as (keyof typeof sharedTables)[]) {
    const localOnly = LOCAL_FIELDS[table] ?? [];
    const rows = (await store.db.table(table).toArray()) as Record<string, unknown>[];
    state[table] = rows
      .filter((r) => (table === 'pairs' ? r.id : r.pairId) === pairId)
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !localOnly.includes(k))))
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return state;
}

/** A mentor with a pair worth syncing: a session, an agenda, a shared and a private note. */
export async function mentorPair(client: Client) {
  const pair = await createPair(client.store, {
    title: 'Sam and Alex',
    model: 'one-to-one',
    members: [
      { id: 'm1', name: 'Sam Mentor', email: 'sam@example.org', role: 'mentor' },
      { id: 'm2', name: 'Alex Mentee', email: 'alex@example.org', role: 'mentee' },
    ],
    myRole: 'mentor',
    cadenceDays: 14,
    agreement: { rhythm: 'Every two weeks', confidentiality: 'Stays between us', scope: 'Career' },
  });
  const session = await ensurePlannedSession(client.store, pair.id);
  await addAgendaItem(client.store, session, 'Review the launch plan', 'mentor');
  const note = await addNote(client.store, session, 'shared', 'Shared words');
  await addNote(client.store, session, 'private', 'PRIVATE-MENTOR-WORDS');
  return { pair, session, note };
}

/** Push and pull every client until nothing is waiting and a pull brings nothing new. */
export async function settle(clients: Client[], pairId: string, attempts = 30): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    let quiet = true;
    for (const client of clients) {
      const push = await client.engine.push(pairId);
      if (!push.ok) quiet = false;
    }
    for (const client of clients) {
      const pull = await client.engine.pull(pairId);
      if (!pull.ok || pull.merged > 0) quiet = false;
      if ((await client.store.db.outbox.where('pairId').equals(pairId).count()) > 0) quiet = false;
    }
    if (quiet) return;
    await sleep(20);
  }
  throw new Error('The clients did not settle.');
}

/** The whole log of a space, read with a client's token. */
export async function fullLog(client: Client, pairId: string): Promise<LogEntry[]> {
  const space = await client.store.db.syncSpaces.get(pairId);
  if (!space) throw new Error('not shared');
  const api = sidecarClient(space.sidecarUrl, space.deviceToken);
  const entries: LogEntry[] = [];
  let after = 0;
  for (;;) {
    const page = await api.pull(space.spaceId, after, 1000);
    if (!page.ok) throw new Error(`pull failed: ${page.message}`);
    entries.push(...page.value.entries);
    after = page.value.cursor;
    if (!page.value.more) return entries;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export interface TortureSummary {
  rounds: number;
  edits: number;
  /** Push requests the sidecar answered. */
  pushesAnswered: number;
  mutationsAcknowledged: number;
  mutationsUnanswered: number;
  /** Unanswered mutations the sidecar had stored all the same (the answer died with it). */
  storedWithoutAnswer: number;
  logEntries: number;
  duplicateMutationIds: number;
  duplicateCiphertexts: number;
  lostAcknowledged: number;
  lostRecords: number;
  identical: boolean;
  ms: number;
}

/**
 * Rounds of: both clients edit; both push; the sidecar is killed (SIGKILL) while the pushes are
 * in flight; it restarts; both sync until settled. Then the checks: every acknowledged
 * mutation is in the log under its seq, no (device, mutation id) and no ciphertext is stored
 * twice, every record written exists on both, and both clients hold identical shared tables.
 */
export async function torture(options: {
  sidecar: Sidecar;
  rounds: number;
  seed?: number;
  onRound?: (round: number, summary: { ms: number }) => void;
}): Promise<TortureSummary> {
  const { sidecar, rounds } = options;
  const random = seededRandom(options.seed ?? 1);
  const started = Date.now();
  const mentor = makeClient('mentor');
  const mentee = makeClient('mentee');
  const clients = [mentor, mentee];
  try {
    const { pair, session, note } = await mentorPair(mentor);
    const invite = await mentor.engine.sharePair(pair.id, sidecar.url, 'Mentor');
    await settle([mentor], pair.id);
    await joinAndLetIn(mentor.engine, mentee.engine, pair.id, invite.code, 'Mentee', {
      myRole: 'mentee',
    });
    const written = new Set<string>();
    let edits = 0;
    for (let round = 1; round <= rounds; round++) {
      const roundStart = Date.now();
      for (const client of clients) {
        const count = 1 + random.int(3);
        for (let k = 0; k < count; k++) {
          const roll = random.next();
          const agenda = (
            await client.store.db.agendaItems.where('pairId').equals(pair.id).toArray()
          ).filter((a) => !a.deleted);
          const target = agenda[random.int(agenda.length)];
          if (roll < 0.5 || !target) {
            const item = await addAgendaItem(
              client.store,
              session,
              `r${round} ${client.name} ${k}`,
              'mentor',
            );
            written.add(item.id);
          } else if (roll < 0.7) {
            await saveNoteBody(client.store, note.id, 'shared', `round ${round} by ${client.name}`);
          } else if (roll < 0.9) {
            await updateAgendaItem(client.store, target.id, { done: !target.done });
          } else {
            await removeAgendaItem(client.store, target.id);
          }
          edits += 1;
        }
      }
      // Kill the sidecar as the first push request leaves, or a few milliseconds later: before
      // the sidecar has read it, while it writes, or after it wrote and before it answered.
      let killing: Promise<void> | undefined;
      const delay = random.int(7) - 1;
      const killSoon = () => {
        killing ??= delay < 0 ? sidecar.kill() : sleep(delay).then(() => sidecar.kill());
      };
      for (const client of clients) client.onPushSent = killSoon;
      await Promise.all(clients.map((client) => client.engine.push(pair.id)));
      for (const client of clients) client.onPushSent = undefined;
      await (killing ?? sidecar.kill());
      // Now and then a browser restarts too: the batch its cut push kept in memory is gone,
      // so its waiting changes go out again under new mutation ids.
      for (const client of clients) if (random.next() < 0.2) client.restart();
      await sidecar.start();
      await settle(clients, pair.id);
      options.onRound?.(round, { ms: Date.now() - roundStart });
    }

    const log = await fullLog(mentor, pair.id);
    const deviceOf = new Map<string, string>();
    for (const client of clients) {
      const space = await client.store.db.syncSpaces.get(pair.id);
      if (space) deviceOf.set(client.name, space.deviceId);
    }
    const bySeq = new Map(log.map((e) => [e.seq, e]));
    let lostAcknowledged = 0;
    for (const client of clients) {
      for (const ack of client.acks) {
        const entry = bySeq.get(ack.seq);
        if (
          !entry ||
          entry.mutationId !== ack.mutationId ||
          entry.deviceId !== deviceOf.get(client.name)
        ) {
          lostAcknowledged += 1;
        }
      }
    }
    const ids = log.map((e) => `${e.deviceId}/${e.mutationId}`);
    const ciphertexts = log.map((e) => e.envelope.ct);
    let storedWithoutAnswer = 0;
    for (const client of clients) {
      const device = deviceOf.get(client.name);
      const stored = new Set(log.filter((e) => e.deviceId === device).map((e) => e.mutationId));
      storedWithoutAnswer += new Set(client.unanswered.filter((id) => stored.has(id))).size;
    }
    const [a, b] = await Promise.all(clients.map((c) => sharedState(c.store, pair.id)));
    let lostRecords = 0;
    for (const state of [a, b]) {
      const agendaIds = new Set((state?.agendaItems ?? []).map((r) => (r as { id: string }).id));
      for (const id of written) if (!agendaIds.has(id)) lostRecords += 1;
    }
    return {
      rounds,
      edits,
      pushesAnswered: clients.reduce((n, c) => n + c.answered, 0),
      mutationsAcknowledged: clients.reduce((n, c) => n + c.acks.length, 0),
      mutationsUnanswered: clients.reduce((n, c) => n + new Set(c.unanswered).size, 0),
      storedWithoutAnswer,
      logEntries: log.length,
      duplicateMutationIds: ids.length - new Set(ids).size,
      duplicateCiphertexts: ciphertexts.length - new Set(ciphertexts).size,
      lostAcknowledged,
      lostRecords,
      identical: JSON.stringify(a) === JSON.stringify(b),
      ms: Date.now() - started,
    };
  } finally {
    for (const client of clients) client.close();
  }
}
