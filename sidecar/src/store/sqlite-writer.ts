import { type MessagePort, Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { assertSameVersion, assertWithinQuota, type StoredVersion } from './guards';
import {
  MutationConflictError,
  type NewMutation,
  QuotaExceededError,
  RevokedDeviceError,
  type SpaceQuota,
} from './types';

/**
 * The SQLite store's group commit, on a worker thread with a connection of its own: the event
 * loop parses, checks and answers while this thread writes the WAL and waits for its fsync.
 * Pulls and the rest read on the main thread's connection (WAL lets them read beside this
 * writer). A push is answered only after the thread reports its group committed.
 */

/** One push as the thread receives it (a Date does not cross threads as one; an ISO string does). */
export interface PushJob {
  spaceId: string;
  deviceId: string;
  mutations: NewMutation[];
  receivedAt: string;
  quota: SpaceQuota | undefined;
}

/** A group: pushes in arrival order, and last-seen times waiting to be written with them. */
export interface WriteRequest {
  pushes: PushJob[];
  seen: Array<[deviceId: string, at: string]>;
}

/** Why a push was refused, in a shape that crosses threads (Error classes do not survive). */
export type PushRefusal =
  | { kind: 'conflict'; mutationId: number }
  | { kind: 'quota'; what: 'bytes' | 'records'; limit: number; of: 'log' | 'epoch keys' }
  | { kind: 'revoked' }
  | { kind: 'other'; message: string; code: string | undefined };

export type PushOutcome = { seqs: number[]; grewTo: number | null } | { refused: PushRefusal };

type Reply = { id: number; outcomes: PushOutcome[] } | { id: number; failed: PushRefusal };

export function describeRefusal(error: unknown): PushRefusal {
  if (error instanceof MutationConflictError) {
    return { kind: 'conflict', mutationId: error.mutationId };
  }
  if (error instanceof QuotaExceededError) {
    return { kind: 'quota', what: error.what, limit: error.limit, of: error.of };
  }
  if (error instanceof RevokedDeviceError) return { kind: 'revoked' };
  const code = (error as { code?: unknown } | null)?.code;
  return {
    kind: 'other',
    message: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : undefined,
  };
}

/** The error the store throws for a refusal: the same classes as before the thread existed. */
export function refusalError(refusal: PushRefusal): Error {
  switch (refusal.kind) {
    case 'conflict':
      return new MutationConflictError(refusal.mutationId);
    case 'quota':
      return new QuotaExceededError(refusal.what, refusal.limit, refusal.of);
    case 'revoked':
      return new RevokedDeviceError();
    default:
      return Object.assign(new Error(refusal.message), { code: refusal.code });
  }
}

interface LogRow {
  seq: number;
  record_id: string;
  envelope_version: number;
  iv: string;
  ct: string;
}

interface SpaceCounters {
  last_seq: number;
  log_bytes: number;
  log_records: number;
}

/** The writer's settings; the main connection made the schema and set WAL before it started. */
export const WRITER_PRAGMAS = {
  /**
   * WAL pages after which the writer checkpoints too: under steady pushes the checkpointer
   * thread never catches up with the last frames, and only the writer can restart the WAL then.
   * By that time the checkpointer has copied (and synced) nearly everything, so this is short.
   */
  checkpointPages: 4000,
  /** A restarted WAL file is cut back to this many bytes. */
  walSizeLimit: 64 * 1024 * 1024,
} as const;

/**
 * Group commit on `db`: the pushes of a request are written in ONE transaction, with one fsync
 * (synchronous=FULL), each in its own savepoint, so one that is refused (a conflict, the quota,
 * a revoked device) is rolled back alone and the others still commit. Throws when the commit
 * itself fails: then nothing of the group is kept.
 */
export function groupCommitter(db: Database.Database): (request: WriteRequest) => PushOutcome[] {
  const statements = {
    activeDevice: db.prepare(
      'SELECT 1 FROM devices WHERE id = ? AND space_id = ? AND revoked_at IS NULL',
    ),
    spaceCounters: db.prepare('SELECT last_seq, log_bytes, log_records FROM spaces WHERE id = ?'),
    existingEntry: db.prepare(
      `SELECT seq, record_id, envelope_version, iv, ct FROM log
       WHERE device_id = ? AND mutation_id = ?`,
    ),
    existingReceipt: db.prepare(
      'SELECT seq, digest FROM compacted WHERE device_id = ? AND mutation_id = ?',
    ),
    insertLog: db.prepare(
      `INSERT INTO log (space_id, seq, record_id, device_id, mutation_id, envelope_version, iv, ct,
         size, received_at)
       VALUES (@spaceId, @seq, @recordId, @deviceId, @mutationId, @version, @iv, @ct, @size,
         @receivedAt)`,
    ),
    grow: db.prepare(
      `UPDATE spaces SET last_seq = ?, log_bytes = log_bytes + ?, log_records = log_records + ?
       WHERE id = ?`,
    ),
    touchDevice: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
  };

  /** A mutation id this device stored before: in the log, or compacted away with a receipt. */
  const storedVersion = (deviceId: string, mutationId: number): StoredVersion | undefined => {
    const entry = statements.existingEntry.get(deviceId, mutationId) as LogRow | undefined;
    if (entry) {
      const { seq, record_id: recordId, envelope_version: v, iv, ct } = entry;
      return { seq, recordId, v, iv, ct };
    }
    return statements.existingReceipt.get(deviceId, mutationId) as StoredVersion | undefined;
  };

  /**
   * One push, checked and written inside the group's transaction. Called there, better-sqlite3
   * makes it a SAVEPOINT: a push that throws is rolled back alone and the group goes on.
   */
  const appendOne = db.transaction((push: PushJob) => {
    const { spaceId, deviceId, mutations } = push;
    if (!statements.activeDevice.get(deviceId, spaceId)) throw new RevokedDeviceError();
    const space = statements.spaceCounters.get(spaceId) as SpaceCounters | undefined;
    if (!space) throw new RevokedDeviceError();
    let last = space.last_seq;
    const seqs: number[] = [];
    const fresh: { seq: number; mutation: NewMutation }[] = [];
    // A batch may repeat a mutation id; the repeat is a retry of the first.
    const storedNow = new Map<number, StoredVersion>();
    for (const mutation of mutations) {
      const known =
        storedNow.get(mutation.mutationId) ?? storedVersion(deviceId, mutation.mutationId);
      if (known !== undefined) {
        assertSameVersion(known, mutation);
        seqs.push(known.seq);
        continue;
      }
      last += 1;
      const { v, iv, ct } = mutation.envelope;
      storedNow.set(mutation.mutationId, { seq: last, recordId: mutation.recordId, v, iv, ct });
      fresh.push({ seq: last, mutation });
      seqs.push(last);
    }
    const added = {
      bytes: fresh.reduce((sum, { mutation }) => sum + mutation.envelope.ct.length, 0),
      records: fresh.length,
    };
    assertWithinQuota({ bytes: space.log_bytes, records: space.log_records }, added, push.quota);
    for (const { seq, mutation } of fresh) {
      statements.insertLog.run({
        spaceId,
        seq,
        recordId: mutation.recordId,
        deviceId,
        mutationId: mutation.mutationId,
        version: mutation.envelope.v,
        iv: mutation.envelope.iv,
        ct: mutation.envelope.ct,
        size: mutation.envelope.ct.length,
        receivedAt: push.receivedAt,
      });
    }
    if (fresh.length > 0) statements.grow.run(last, added.bytes, added.records, spaceId);
    return { seqs, grewTo: fresh.length > 0 ? last : null };
  });

  const commitGroup = db.transaction((request: WriteRequest): PushOutcome[] => {
    for (const [deviceId, at] of request.seen) statements.touchDevice.run(at, deviceId);
    return request.pushes.map((push): PushOutcome => {
      try {
        return appendOne(push);
      } catch (error) {
        // SQLite rolled back the whole transaction (a full disk, an I/O error): nothing of the
        // group is kept, so every push of it must fail, not only this one.
        if (!db.inTransaction) throw error;
        return { refused: describeRefusal(error) };
      }
    });
  });

  return (request) => commitGroup.immediate(request);
}

/** Opens the writer's own connection to `file`, with the settings a commit's durability needs. */
export function openWriterConnection(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('synchronous = FULL');
  db.pragma(`wal_autocheckpoint = ${WRITER_PRAGMAS.checkpointPages}`);
  db.pragma(`journal_size_limit = ${WRITER_PRAGMAS.walSizeLimit}`);
  db.pragma('foreign_keys = ON');
  // Another process (or this one's main connection) holding the write lock: wait, do not fail.
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The thread's side: one request at a time, in the order posted, each answered when done. */
export function serveWrites(port: MessagePort, file: string): void {
  const db = openWriterConnection(file);
  const commit = groupCommitter(db);
  port.on('message', (message: { id: number; request: WriteRequest } | 'close') => {
    if (message === 'close') {
      db.close();
      port.close();
      return;
    }
    let reply: Reply;
    try {
      reply = { id: message.id, outcomes: commit(message.request) };
    } catch (error) {
      reply = { id: message.id, failed: describeRefusal(error) };
    }
    port.postMessage(reply);
  });
}

export interface Writer {
  /** Resolves once the group has committed (each push's outcome), rejects if the commit failed. */
  write(request: WriteRequest): Promise<PushOutcome[]>;
  /** Lets the requests posted finish, then closes the thread's connection and ends the thread. */
  stop(): Promise<void>;
}

/**
 * Starts the writer thread for `file`. Its code is TypeScript like the rest of the sidecar, so
 * the thread first registers tsx's loader (sqlite-writer-thread.js), as bin/tandem-sidecar.js
 * does for the main thread; that takes a few hundred milliseconds, so the thread starts at once,
 * not with the first push. Should the thread die, the requests waiting on it fail (their pushes
 * are answered 500, never 200) and the next write starts a new one.
 */
export function startWriter(file: string): Writer {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve: (outcomes: PushOutcome[]) => void; reject: (error: unknown) => void }
  >();

  let drained: (() => void) | undefined;
  const settled = () => {
    if (waiting.size > 0) return;
    // Idle, the thread does not keep the process alive; a write waiting for it does.
    worker?.unref();
    drained?.();
  };
  const failAll = (error: unknown) => {
    for (const each of waiting.values()) each.reject(error);
    waiting.clear();
    settled();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = new Worker(new URL('./sqlite-writer-thread.js', import.meta.url), {
      workerData: { file },
    });
    started.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if ('failed' in reply) pending.reject(refusalError(reply.failed));
      else pending.resolve(reply.outcomes);
      settled();
    });
    started.on('error', (error) => {
      if (worker === started) worker = undefined;
      failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`The SQLite writer thread ended (exit code ${code}).`));
    });
    worker = started;
    return started;
  };

  ensureWorker().unref();
  return {
    write(request) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const thread = ensureWorker();
        thread.ref();
        thread.postMessage({ id, request });
      });
    },
    async stop() {
      if (waiting.size > 0) await new Promise<void>((done) => (drained = done));
      drained = undefined;
      const running = worker;
      if (!running) return;
      worker = undefined;
      const exited = new Promise<void>((done) => running.once('exit', () => done()));
      // Until it has ended, the thread keeps the process alive (an idle one does not): else a
      // process with nothing else to do would exit while waiting here, skipping what follows.
      running.ref();
      // Posted after every write: the thread answers those first, then closes.
      running.postMessage('close');
      await exited;
    },
  };
}
