// `npm run bench:sidecar` — what the sidecar sustains: pushes per second and pull latency with
// 1,000 pair spaces and 50 concurrent clients, on SQLite and on PostgreSQL, beside a bare Fastify
// route that does nothing, all in the same run, so the figure that counts is the ratio.
//
//   node --import tsx scripts/bench-sidecar.ts [--reps 3] [--seconds 4] [--warmup 1]
//                                              [--spaces 1000] [--clients 50]
//
// 1. times the disk's fsync in the temp dir (what one durable commit costs at least), then
//    starts three servers as child processes, each as production runs it (`node --import tsx`):
//    the sidecar on SQLite in a temporary data directory, the sidecar on a throwaway PostgreSQL
//    cluster (initdb + pg_ctl, fsync on; sidecar/tests/helpers/postgres-cluster.ts), and a bare
//    Fastify app with the same two routes doing nothing (scripts/bench-bare-fastify.ts). The
//    sidecars log at their default level (info) to a file; their rate limits are raised through
//    SIDECAR_RATE_BURST / SIDECAR_RATE_PER_SECOND (and the device, creation and connection
//    limits likewise), because every client here is 127.0.0.1 and the figures are to measure
//    the server, not the limiter;
// 2. seeds both sidecars (at once) through their API: per pair space, create (mentor device),
//    invite, join (mentee device), and a first push of 20 records, which both devices count as
//    pulled;
// 3. runs, for each server and each repetition (the order rotating, so drift on a shared machine
//    hits all three alike), two phases with `clients` concurrent clients, each one keep-alive
//    connection (node:http Agent) picking a random idle device of a random space:
//    - push: push a batch of 1–10 encrypted record versions (random base64url ciphertext of
//      200 B–2 KB plaintext, a fifth of them new records, the rest new versions of old ones);
//    - sync: push a batch, then pull after the device's cursor until `more` is false, as the
//      extension's sync does, so pulls are timed while pushes run;
//    after `warmup` seconds, requests that complete in the next `seconds` count;
// 4. prints ONE JSON object on stdout (progress on stderr): per server the medians over the
//    repetitions of requests and records per second and latency p50/p99, and per sidecar the
//    ratios to the bare route (the median of the per-repetition ratios) and `targets`: pushes/s
//    beside the bare route's (the floor) with the ratio issue 17 asks for (SQLite 0.5,
//    PostgreSQL 0.3), and pull p99 beside the bare route's and the 20 ms target, each with `met`.
//
// Exit code 1 on any failure (any answer other than 200, a 429 included). Servers, the
// PostgreSQL cluster and the temporary directories are removed on exit, on error and on Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPostgresCluster } from '../sidecar/tests/helpers/postgres-cluster';
import { median, percentile, round } from './bench/stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDED_RECORDS = 20;
const BATCH = { min: 1, max: 10 };
const PLAINTEXT_BYTES = { min: 200, max: 2048 };
const NEW_RECORD_SHARE = 0.2;
const ENVELOPE_POOL = 2000;
const PULL_LIMIT = 500;
/** Far above anything 50 clients can ask: the limiter stays in the path but never answers 429. */
const RAISED_RATE = '1000000000';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const FSYNC_ROUNDS = 100;
/**
 * Issue 17's targets: pushes per second at least this share of the bare route's (the floor: a
 * route that does nothing), and pull p99 under load at most PULL_P99_TARGET_MS.
 */
const PUSH_FLOOR_RATIO = { sqlite: 0.5, postgres: 0.3 } as const;
const PULL_P99_TARGET_MS = 20;

const log = (...args: unknown[]) => console.error('[bench:sidecar]', ...args);

/* ---------- options ---------- */

interface Options {
  reps: number;
  seconds: number;
  warmup: number;
  spaces: number;
  clients: number;
}

const USAGE =
  'usage: node --import tsx scripts/bench-sidecar.ts [--reps N] [--seconds S] [--warmup S] [--spaces N] [--clients N]';

function parseArgs(argv: string[]): Options {
  const options: Options = { reps: 3, seconds: 4, warmup: 1, spaces: 1000, clients: 50 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      console.error(USAGE);
      process.exit(0);
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(name in options)) throw new Error(`Unknown argument ${arg}`);
    const value = inline ?? argv[++i];
    const number = Number(value);
    const whole = name !== 'seconds' && name !== 'warmup';
    if (
      !Number.isFinite(number) ||
      number < (name === 'warmup' ? 0 : 1) ||
      (whole && !Number.isInteger(number))
    )
      throw new Error(`--${name} needs a ${whole ? 'whole ' : ''}positive number, got ${value}`);
    options[name as keyof Options] = number;
  }
  return options;
}

/* ---------- clean-up ---------- */

/** Undo steps, run last first; the signal handler and the finally block share them. */
const undo: Array<{ what: string; run: () => Promise<void> }> = [];
const children = new Set<ChildProcess>();
let interrupted: NodeJS.Signals | undefined;

async function cleanUp(): Promise<void> {
  for (let step = undo.pop(); step; step = undo.pop()) {
    await step.run().catch((error: unknown) => log(`${step?.what} failed: ${String(error)}`));
  }
}

function checkInterrupted(): void {
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
}

// Last resort: a child must never outlive the bench, whatever way it ends.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = signal;
    log(`${signal}: stopping, then cleaning up`);
    // Servers gone, requests in flight fail, the run unwinds into its finally block.
    for (const child of children) child.kill('SIGTERM');
  });
}

/* ---------- servers ---------- */

interface Server {
  name: string;
  kind: 'bare' | 'sqlite' | 'postgres';
  url: URL;
  logFile: string;
  stop(): Promise<void>;
}

/** Starts `script` with node --import tsx, output to `logFile`, and waits for its address. */
async function startServer(
  name: string,
  kind: Server['kind'],
  script: string,
  env: Record<string, string>,
  logFile: string,
): Promise<Server> {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      children.delete(child);
      done();
    }),
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  undo.push({ what: `stopping ${name}`, run: stop });

  const started = performance.now();
  for (;;) {
    const address = listeningAddress(readFileSync(logFile, 'utf8'));
    if (address) return { name, kind, url: new URL(address), logFile, stop };
    if (child.exitCode !== null || child.signalCode !== null || interrupted)
      throw new Error(`${name} ended before listening:\n${tail(logFile)}`);
    if (performance.now() - started > START_TIMEOUT_MS)
      throw new Error(`${name} did not start in ${START_TIMEOUT_MS} ms:\n${tail(logFile)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The address of the first JSON log line that says "… listening" (pino's, or the bare app's). */
function listeningAddress(output: string): string | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; address?: unknown };
      if (typeof entry.msg === 'string' && entry.msg.endsWith('listening'))
        return typeof entry.address === 'string' ? entry.address : undefined;
    } catch {
      // a partly written line: read again on the next poll
    }
  }
  return undefined;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no output)';
  }
}

/* ---------- HTTP ---------- */

interface Answer {
  status: number;
  body: string;
}

function send(
  agent: Agent,
  server: Server,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; json?: unknown } = {},
): Promise<Answer> {
  return new Promise((done, fail) => {
    const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
    const headers: Record<string, string | number> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const req = httpRequest(
      { agent, host: server.url.hostname, port: server.url.port, method, path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status)
    throw new Error(
      `${what} answered ${answer.status}, expected ${status}: ${answer.body.slice(0, 300)}`,
    );
}

/** One keep-alive connection per client, as one browser holds to its sidecar. */
function newAgents(count: number): Agent[] {
  return Array.from({ length: count }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
}

/** Runs `work` over `items` with `agents.length` requests in flight at most. */
async function overAgents<T>(
  agents: Agent[],
  items: T[],
  work: (item: T, agent: Agent) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    agents.map(async (agent) => {
      while (next < items.length) {
        checkInterrupted();
        await work(items[next++] as T, agent);
      }
    }),
  );
}

/* ---------- the pairs ---------- */

interface Envelope {
  v: 1;
  iv: string;
  ct: string;
}

interface Space {
  spaceId: string;
  recordIds: string[];
}

interface Device {
  space: Space;
  token: string;
  nextMutationId: number;
  cursor: number;
  /** A device pushes one batch at a time, as the extension's outbox does. */
  busy: boolean;
}

/** Random ciphertext of typical record sizes, made once (the client's CPU is the server's too). */
function envelopePool(): Envelope[] {
  return Array.from({ length: ENVELOPE_POOL }, () => ({
    v: 1 as const,
    iv: randomBytes(12).toString('base64url'),
    // AES-GCM: ciphertext as long as the plaintext, plus a 16-byte tag.
    ct: randomBytes(randomInt(PLAINTEXT_BYTES.min, PLAINTEXT_BYTES.max + 1) + 16).toString(
      'base64url',
    ),
  }));
}

function mutationsFor(device: Device, envelopes: Envelope[], count: number) {
  return Array.from({ length: count }, () => {
    const { recordIds } = device.space;
    let recordId = recordIds.length > 0 ? recordIds[randomInt(recordIds.length)] : undefined;
    if (!recordId || Math.random() < NEW_RECORD_SHARE) {
      recordId = randomUUID();
      recordIds.push(recordId);
    }
    return {
      mutationId: device.nextMutationId++,
      recordId,
      envelope: envelopes[randomInt(envelopes.length)] as Envelope,
    };
  });
}

/** The bare route reads nothing: its devices are made up, with well-formed ids and tokens. */
function madeUpDevices(spaces: number): Device[] {
  const devices: Device[] = [];
  for (let i = 0; i < spaces; i += 1) {
    const space: Space = { spaceId: randomBytes(16).toString('base64url'), recordIds: [] };
    for (let side = 0; side < 2; side += 1) {
      devices.push({
        space,
        token: randomBytes(32).toString('base64url'),
        nextMutationId: 1,
        cursor: 0,
        busy: false,
      });
    }
  }
  return devices;
}

/** Per space through the sidecar's API: create, invite, join, and a first push of records. */
async function seedSidecar(
  server: Server,
  spaces: number,
  agents: Agent[],
  envelopes: Envelope[],
): Promise<Device[]> {
  const devices: Device[] = [];
  const json = <T>(answer: Answer) => JSON.parse(answer.body) as T;
  await overAgents(
    agents,
    Array.from({ length: spaces }, (_, i) => i),
    async (_i, agent) => {
      const created = await send(agent, server, 'POST', '/v1/spaces', {
        json: { deviceName: 'Mentor laptop' },
      });
      expectStatus(created, 201, `${server.name}: create space`);
      const mentor = json<{ spaceId: string; deviceToken: string }>(created);
      const invited = await send(agent, server, 'POST', `/v1/spaces/${mentor.spaceId}/invites`, {
        token: mentor.deviceToken,
      });
      expectStatus(invited, 201, `${server.name}: invite`);
      const { inviteToken } = json<{ inviteToken: string }>(invited);
      const joined = await send(agent, server, 'POST', `/v1/spaces/${mentor.spaceId}/join`, {
        // A P-256 point's shape (65 bytes, base64url): the sidecar stores it, never uses it.
        json: { inviteToken, deviceName: 'Mentee laptop', publicKey: `B${'A'.repeat(86)}` },
      });
      expectStatus(joined, 201, `${server.name}: join`);
      const mentee = json<{ deviceToken: string }>(joined);

      const space: Space = { spaceId: mentor.spaceId, recordIds: [] };
      const pair = [mentor.deviceToken, mentee.deviceToken].map(
        (token): Device => ({ space, token, nextMutationId: 1, cursor: 0, busy: false }),
      );
      const first = pair[0] as Device;
      const pushed = await send(agent, server, 'POST', `/v1/spaces/${space.spaceId}/push`, {
        token: first.token,
        json: { mutations: mutationsFor(first, envelopes, SEEDED_RECORDS) },
      });
      expectStatus(pushed, 200, `${server.name}: first push`);
      const last = json<{ results: { seq: number }[] }>(pushed).results.at(-1)?.seq ?? 0;
      for (const device of pair) device.cursor = last;
      devices.push(...pair);
    },
  );
  return devices;
}

/* ---------- load ---------- */

type Mode = 'push' | 'sync';

interface Samples {
  seconds: number;
  pushMs: number[];
  records: number;
  pullMs: number[];
  pulledEntries: number;
}

function pickIdle(devices: Device[]): Device {
  for (;;) {
    const device = devices[randomInt(devices.length)] as Device;
    if (!device.busy) return device;
  }
}

/** One phase: every agent loops until the end; requests completing in the window count. */
async function runPhase(
  server: Server,
  devices: Device[],
  envelopes: Envelope[],
  agents: Agent[],
  mode: Mode,
  options: Options,
): Promise<Samples> {
  const from = performance.now() + options.warmup * 1000;
  const until = from + options.seconds * 1000;
  const samples: Samples = {
    seconds: options.seconds,
    pushMs: [],
    records: 0,
    pullMs: [],
    pulledEntries: 0,
  };
  const counts = (end: number) => end >= from && end <= until;
  const sidecar = server.kind !== 'bare';

  await Promise.all(
    agents.map(async (agent) => {
      while (!interrupted && performance.now() < until) {
        const device = pickIdle(devices);
        device.busy = true;
        try {
          const path = `/v1/spaces/${device.space.spaceId}`;
          const mutations = mutationsFor(device, envelopes, randomInt(BATCH.min, BATCH.max + 1));
          const start = performance.now();
          const pushed = await send(agent, server, 'POST', `${path}/push`, {
            token: device.token,
            json: { mutations },
          });
          const end = performance.now();
          expectStatus(pushed, 200, `${server.name}: push`);
          if (sidecar) {
            const { results } = JSON.parse(pushed.body) as { results: unknown[] };
            if (results.length !== mutations.length)
              throw new Error(
                `${server.name}: a push of ${mutations.length} got ${results.length} seqs`,
              );
          }
          if (counts(end)) {
            samples.pushMs.push(end - start);
            samples.records += mutations.length;
          }
          if (mode === 'push') continue;
          let more = true;
          while (more && !interrupted && performance.now() < until) {
            const start = performance.now();
            const pulled = await send(
              agent,
              server,
              'GET',
              `${path}/pull?after=${device.cursor}&limit=${PULL_LIMIT}`,
              { token: device.token },
            );
            const end = performance.now();
            expectStatus(pulled, 200, `${server.name}: pull`);
            const page = pageSummary(pulled.body);
            device.cursor = page.cursor ?? device.cursor;
            more = page.more;
            if (counts(end)) {
              samples.pullMs.push(end - start);
              samples.pulledEntries += page.entries;
            }
          }
        } finally {
          device.busy = false;
        }
      }
    }),
  );
  checkInterrupted();
  return samples;
}

/**
 * What a client needs of a pull page here: the cursor, `more`, and how many entries it held.
 * Read from the page's end (the sidecar sends `{"entries":[…],"cursor":n,"more":b…}`) rather
 * than by JSON.parse, whose copying of ~100 KB of ciphertext per page ran on the same two cores
 * as the server and took them from the sidecar only (the bare route's page is `{}`). The server
 * still builds and sends every byte, and the client still receives them; any other shape is
 * parsed in full.
 */
function pageSummary(body: string): { cursor: number | undefined; more: boolean; entries: number } {
  const end = /"cursor":(\d+),"more":(true|false)(?:,"head":\d+)?\}$/.exec(body.slice(-120));
  if (!end) {
    const page = JSON.parse(body) as { entries?: unknown[]; cursor?: number; more?: boolean };
    return { cursor: page.cursor, more: page.more === true, entries: page.entries?.length ?? 0 };
  }
  let entries = 0;
  for (let at = body.indexOf('"seq":'); at !== -1; at = body.indexOf('"seq":', at + 6)) entries++;
  return { cursor: Number(end[1]), more: end[2] === 'true', entries };
}

/* ---------- figures ---------- */

interface PhaseFigures {
  pushes: number;
  pushRequestsPerSec: number;
  recordsPerSec: number;
  pushP50Ms: number;
  pushP99Ms: number;
  pulls: number;
  pullRequestsPerSec: number;
  pullP50Ms: number;
  pullP99Ms: number;
  entriesPerPull: number;
}

function figures(s: Samples): PhaseFigures {
  return {
    pushes: s.pushMs.length,
    pushRequestsPerSec: s.pushMs.length / s.seconds,
    recordsPerSec: s.records / s.seconds,
    pushP50Ms: percentile(s.pushMs, 0.5),
    pushP99Ms: percentile(s.pushMs, 0.99),
    pulls: s.pullMs.length,
    pullRequestsPerSec: s.pullMs.length / s.seconds,
    pullP50Ms: percentile(s.pullMs, 0.5),
    pullP99Ms: percentile(s.pullMs, 0.99),
    entriesPerPull: s.pulledEntries / Math.max(1, s.pullMs.length),
  };
}

/** Medians over the repetitions, in the shape of the JSON report. */
function summarise(reps: PhaseFigures[], mode: Mode, sidecar: boolean) {
  const m = (key: keyof PhaseFigures, digits = 1) => round(median(reps.map((r) => r[key])), digits);
  const pushes = {
    requestsPerSec: m('pushRequestsPerSec', 0),
    ...(sidecar ? { recordsPerSec: m('recordsPerSec', 0) } : {}),
    latencyMs: { p50: m('pushP50Ms', 2), p99: m('pushP99Ms', 2) },
    requestsPerSecByRep: reps.map((r) => round(r.pushRequestsPerSec, 0)),
    // How many requests each percentile is taken from (a p99 of 200 is nearly the maximum).
    timedByRep: reps.map((r) => r.pushes),
  };
  if (mode === 'push') return { pushes };
  return {
    pushes,
    pulls: {
      requestsPerSec: m('pullRequestsPerSec', 0),
      latencyMs: { p50: m('pullP50Ms', 2), p99: m('pullP99Ms', 2) },
      ...(sidecar ? { entriesPerPull: m('entriesPerPull') } : {}),
      p50MsByRep: reps.map((r) => round(r.pullP50Ms, 2)),
      timedByRep: reps.map((r) => r.pulls),
    },
  };
}

/** Sidecar ÷ bare, per repetition (measured back to back), then the median. */
function ratios(sidecar: Record<Mode, PhaseFigures[]>, bare: Record<Mode, PhaseFigures[]>) {
  const r = (mode: Mode, key: keyof PhaseFigures) =>
    round(median(sidecar[mode].map((s, i) => s[key] / (bare[mode][i]?.[key] ?? Number.NaN))), 2);
  return {
    pushesPerSec: r('push', 'pushRequestsPerSec'),
    pushP50: r('push', 'pushP50Ms'),
    pushP99: r('push', 'pushP99Ms'),
    syncPushesPerSec: r('sync', 'pushRequestsPerSec'),
    pullP50: r('sync', 'pullP50Ms'),
    pullP99: r('sync', 'pullP99Ms'),
  };
}

/* ---------- the disk ---------- */

/**
 * What one durable commit costs on this disk, at least: a 4 KiB write and an fsync, timed
 * FSYNC_ROUNDS times in the temp dir the SQLite file lives in. SQLite with synchronous=FULL
 * commits one push at a time, so 1000 / p50 is about its ceiling of pushes per second.
 */
function measureFsync(dir: string) {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const block = randomBytes(4096);
  const ms: number[] = [];
  try {
    for (let i = 0; i < FSYNC_ROUNDS; i += 1) {
      const start = performance.now();
      writeSync(fd, block, 0, block.length, i * block.length);
      fsyncSync(fd);
      ms.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return {
    fsyncMs: { p50: round(percentile(ms, 0.5), 2), p99: round(percentile(ms, 0.99), 2) },
    rounds: FSYNC_ROUNDS,
  };
}

/* ---------- main ---------- */

function fastifyVersion(): string {
  const file = join(ROOT, 'node_modules/fastify/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = performance.now();
  const load = loadavg().map((x) => round(x, 2));
  const tempDir = mkdtempSync(join(tmpdir(), 'tandem-bench-sidecar-'));
  undo.push({
    what: 'removing the temporary directory',
    run: async () => rmSync(tempDir, { recursive: true, force: true }),
  });

  log('timing the disk’s fsync…');
  const disk = measureFsync(tempDir);
  log(`  fsync p50 ${disk.fsyncMs.p50} ms`);

  log('starting PostgreSQL (throwaway cluster, fsync on)…');
  const cluster = await startPostgresCluster({ durable: true });
  undo.push({ what: 'stopping PostgreSQL', run: () => cluster.stop() });
  checkInterrupted();

  const sidecarEnv = {
    SIDECAR_HOST: '127.0.0.1',
    SIDECAR_PORT: '0',
    SIDECAR_LOG_LEVEL: 'info',
    SIDECAR_RATE_BURST: RAISED_RATE,
    SIDECAR_RATE_PER_SECOND: RAISED_RATE,
    // Likewise the other per-client limits: 1,000 spaces from one address, every client's
    // keep-alive connection from 127.0.0.1, and devices pushing as fast as they can.
    SIDECAR_DEVICE_RATE_BURST: RAISED_RATE,
    SIDECAR_DEVICE_RATE_PER_SECOND: RAISED_RATE,
    SIDECAR_CREATE_PER_HOUR: RAISED_RATE,
    SIDECAR_MAX_CONNECTIONS_PER_ADDRESS: RAISED_RATE,
    SIDECAR_MAX_CONNECTIONS: RAISED_RATE,
  };
  log('starting the servers…');
  const [bare, sqlite, postgres] = await Promise.all([
    startServer(
      'bare fastify',
      'bare',
      'scripts/bench-bare-fastify.ts',
      {},
      join(tempDir, 'bare.log'),
    ),
    startServer(
      'sidecar (SQLite)',
      'sqlite',
      'sidecar/src/main.ts',
      { ...sidecarEnv, DATABASE_URL: '', SIDECAR_DATA_DIR: join(tempDir, 'sqlite') },
      join(tempDir, 'sqlite.log'),
    ),
    startServer(
      'sidecar (PostgreSQL)',
      'postgres',
      'sidecar/src/main.ts',
      { ...sidecarEnv, DATABASE_URL: cluster.url },
      join(tempDir, 'postgres.log'),
    ),
  ]);
  const servers = [bare, sqlite, postgres] as Server[];
  const envelopes = envelopePool();

  const devices = new Map<Server, Device[]>();
  const seedingMs: Partial<Record<Server['kind'], number>> = {};
  devices.set(bare as Server, madeUpDevices(options.spaces));
  // Both at once: SQLite's seeding mostly waits on the disk, PostgreSQL's on its own process.
  log(`seeding ${options.spaces} pair spaces on both sidecars…`);
  await Promise.all(
    [sqlite, postgres].map(async (server) => {
      const s = server as Server;
      const agents = newAgents(options.clients);
      const start = performance.now();
      try {
        devices.set(s, await seedSidecar(s, options.spaces, agents, envelopes));
      } finally {
        for (const agent of agents) agent.destroy();
      }
      seedingMs[s.kind] = Math.round(performance.now() - start);
      log(`  ${s.name} seeded in ${seedingMs[s.kind]} ms`);
    }),
  );

  const results = new Map<Server, Record<Mode, PhaseFigures[]>>(
    servers.map((s) => [s, { push: [], sync: [] }]),
  );
  for (let rep = 0; rep < options.reps; rep += 1) {
    const order = servers.map((_, i) => servers[(i + rep) % servers.length] as Server);
    for (const server of order) {
      const agents = newAgents(options.clients);
      try {
        for (const mode of ['push', 'sync'] as const) {
          const samples = await runPhase(
            server,
            devices.get(server) ?? [],
            envelopes,
            agents,
            mode,
            options,
          );
          const f = figures(samples);
          results.get(server)?.[mode].push(f);
          log(
            `rep ${rep + 1}/${options.reps} ${server.name} ${mode}: ${round(f.pushRequestsPerSec, 0)} pushes/s` +
              ` (p50 ${round(f.pushP50Ms, 1)} ms, p99 ${round(f.pushP99Ms, 1)} ms)` +
              (mode === 'sync'
                ? `, ${round(f.pullRequestsPerSec, 0)} pulls/s (p50 ${round(f.pullP50Ms, 1)} ms, p99 ${round(f.pullP99Ms, 1)} ms)`
                : ''),
          );
        }
      } finally {
        for (const agent of agents) agent.destroy();
      }
    }
  }

  const of = (server: Server) => results.get(server) as Record<Mode, PhaseFigures[]>;
  const bareFigures = of(bare as Server);
  const sidecarReport = (server: Server) => {
    const push = summarise(of(server).push, 'push', true);
    const sync = summarise(of(server).sync, 'sync', true);
    const ratioToBare = ratios(of(server), bareFigures);
    return {
      seedingMs: seedingMs[server.kind],
      targets: targets(server.kind as 'sqlite' | 'postgres', push, sync, ratioToBare),
      push,
      sync,
      ratioToBare,
    };
  };
  const bareReport = {
    push: summarise(bareFigures.push, 'push', false),
    sync: summarise(bareFigures.sync, 'sync', false),
  };
  /** Each figure beside its floor (the bare route, same run) and its target, and whether met. */
  const targets = (
    kind: 'sqlite' | 'postgres',
    push: ReturnType<typeof summarise>,
    sync: ReturnType<typeof summarise>,
    ratio: ReturnType<typeof ratios>,
  ) => ({
    pushes: {
      pushesPerSecond: push.pushes.requestsPerSec,
      bareRoutePerSecond: bareReport.push.pushes.requestsPerSec,
      ratio: ratio.pushesPerSec,
      floorRatio: PUSH_FLOOR_RATIO[kind],
      met: ratio.pushesPerSec >= PUSH_FLOOR_RATIO[kind],
    },
    pullP99: {
      pullP99Ms: sync.pulls?.latencyMs.p99 ?? Number.NaN,
      bareRoutePullP99Ms: bareReport.sync.pulls?.latencyMs.p99 ?? Number.NaN,
      targetMs: PULL_P99_TARGET_MS,
      met: (sync.pulls?.latencyMs.p99 ?? Number.POSITIVE_INFINITY) <= PULL_P99_TARGET_MS,
    },
  });
  const sqliteReport = sidecarReport(sqlite as Server);
  const postgresReport = sidecarReport(postgres as Server);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    fastify: fastifyVersion(),
    cpus: cpus().length,
    loadAverageAtStart: load,
    disk,
    setup: {
      spaces: options.spaces,
      devicesPerSpace: 2,
      seededRecordsPerSpace: SEEDED_RECORDS,
      clients: options.clients,
      connection: 'one keep-alive HTTP/1.1 connection per client (node:http Agent), 127.0.0.1',
      pushBatch: `${BATCH.min}–${BATCH.max} records, ${NEW_RECORD_SHARE * 100}% new, the rest new versions`,
      plaintextBytes: PLAINTEXT_BYTES,
      pullLimit: PULL_LIMIT,
      phases: {
        push: 'each client pushes a batch to a random idle device of a random space, again and again',
        sync: 'each client pushes a batch, then pulls after that device’s cursor until more is false',
      },
      warmupSeconds: options.warmup,
      secondsPerPhase: options.seconds,
      reps: options.reps,
      figures: 'medians over the reps; ratios are sidecar ÷ bare per rep (back to back), median',
      rateLimit: `raised to ${RAISED_RATE} burst and per second (SIDECAR_RATE_BURST, SIDECAR_RATE_PER_SECOND): the limiter runs but never refuses, so the figures measure the server, not the limiter`,
      sidecarLogs: 'level info (the default), JSON lines to a file',
      sqlite: 'better-sqlite3, WAL, synchronous=FULL (the sidecar’s settings), temporary directory',
      postgres: 'throwaway cluster (initdb, pg_ctl) on 127.0.0.1, fsync on, the sidecar’s pg.Pool',
      bare: 'Fastify, logger off, the same push and pull routes answering {} (scripts/bench-bare-fastify.ts)',
    },
    bare: bareReport,
    sqlite: sqliteReport,
    postgres: postgresReport,
    targetsMet: {
      sqlite: sqliteReport.targets.pushes.met && sqliteReport.targets.pullP99.met,
      postgres: postgresReport.targets.pushes.met,
    },
    seconds: Math.round((performance.now() - startedAt) / 1000),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

try {
  await main();
} catch (error) {
  console.error(
    `[bench:sidecar] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await cleanUp();
}
if (interrupted) process.exitCode = 1;
