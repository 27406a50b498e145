import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LogEntry } from '@tandem/protocol';
import Database from 'better-sqlite3';
import { EPOCH_KEYS_TABLES, sqliteEpochKeys } from './epoch-keys';
import { assertPlainText, mutationDigest } from './guards';
import { sqliteKeyExchange } from './key-exchange';
import { sqliteProgrammes } from './programmes';
import { SpaceEvents } from './space-events';
import { type PushOutcome, refusalError, startWriter, WRITER_PRAGMAS } from './sqlite-writer';
import {
  type CompactionResult,
  type DeviceRecord,
  type DeviceRole,
  LimitReachedError,
  type NewDevice,
  type NewInvite,
  type NewMutation,
  type PullOptions,
  type PullPage,
  type SpaceQuota,
  type Store,
} from './types';

/**
 * The embedded default: one SQLite file in the data dir. WAL lets readers run beside the one
 * writer; synchronous=FULL makes a commit durable before a push is answered, so a 200 survives a
 * power cut. Every write is one transaction; appends use BEGIN IMMEDIATE so that two processes
 * sharing the file cannot both read the same last seq. Pushes are group-committed (see `flush`)
 * on a writer thread with its own connection (sqlite-writer.ts): those that arrive together share
 * one transaction and one fsync, each in its own savepoint; reads stay on this connection.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS spaces (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  space_id TEXT NOT NULL REFERENCES spaces(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS devices_by_space ON devices(space_id, created_at);
CREATE TABLE IF NOT EXISTS invites (
  token_hash TEXT PRIMARY KEY,
  space_id TEXT NOT NULL REFERENCES spaces(id),
  created_by TEXT NOT NULL REFERENCES devices(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS invites_by_creator ON invites(created_by);
CREATE TABLE IF NOT EXISTS log (
  space_id TEXT NOT NULL REFERENCES spaces(id),
  seq INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id),
  mutation_id INTEGER NOT NULL,
  envelope_version INTEGER NOT NULL,
  iv TEXT NOT NULL,
  ct TEXT NOT NULL,
  size INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (space_id, seq),
  UNIQUE (device_id, mutation_id)
) STRICT;
`;

/**
 * A page's candidates, in order, one more than the page may hold: the caller stops at `limit`
 * rows or once the ciphertext before a row reaches the budget, and the row after tells `more`.
 * One pass over the (space_id, seq) key; a window function and a join back cost twice the reads.
 */
const PULL_SQL = `
SELECT seq, record_id, device_id, mutation_id, envelope_version, iv, ct, size, received_at
FROM log WHERE space_id = @spaceId AND seq > @after ORDER BY seq LIMIT @limit + 1
`;

/**
 * Added after the first release, so older files get them in place (migrateForLimits): the log's
 * size on its space row (for quotas), device roles, and receipts of compacted entries.
 */
const LIMITS_SCHEMA = `
CREATE TABLE IF NOT EXISTS compacted (
  space_id TEXT NOT NULL REFERENCES spaces(id),
  seq INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (space_id, seq),
  UNIQUE (device_id, mutation_id)
) STRICT;
`;

/** Receipts for the space's entries that a newer entry of the same record supersedes. */
const COMPACT_SQL = `
INSERT INTO compacted (space_id, seq, device_id, mutation_id, digest)
SELECT l.space_id, l.seq, l.device_id, l.mutation_id,
  tandem_digest(l.record_id, l.envelope_version, l.iv, l.ct)
FROM log l
JOIN (
  SELECT seq, ROW_NUMBER() OVER (PARTITION BY record_id ORDER BY seq DESC) AS newer
  FROM log WHERE space_id = @spaceId
) r ON r.seq = l.seq
WHERE l.space_id = @spaceId AND r.newer > 1
`;

/** A space's rows in every table but `spaces`, children before their parents. */
const DELETE_SPACE_ROWS = [
  'DELETE FROM compacted WHERE space_id = ?',
  'DELETE FROM log WHERE space_id = ?',
  'DELETE FROM invites WHERE space_id = ?',
  'DELETE FROM key_exchange WHERE space_id = ?',
  ...EPOCH_KEYS_TABLES.map((table) => `DELETE FROM ${table} WHERE space_id = ?`),
  'DELETE FROM devices WHERE space_id = ?',
];

/** A revoked device's rows of epoch-keys.ts's tables: its own key and what was sealed for it. */
const DELETE_REVOKED_DEVICE_ROWS = EPOCH_KEYS_TABLES.map(
  (table) => `DELETE FROM ${table} WHERE space_id = ? AND device_id = ?`,
);

interface DeviceRow {
  id: string;
  space_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  role: DeviceRole;
}

interface LogRow {
  seq: number;
  record_id: string;
  device_id: string;
  mutation_id: number;
  envelope_version: number;
  iv: string;
  ct: string;
  received_at: string;
}

export const SQLITE_FILE_NAME = 'tandem-sidecar.sqlite';
/** Pushes in one group commit at most; more wait for the next (keeps one commit short). */
const MAX_GROUP = 256;
/** The page cache of the connection, KiB (SQLite's default is 2,000). */
const CACHE_KIB = 65_536;
/** How much of the file the main connection reads through a memory map (SQLite's mmap_size). */
const MMAP_BYTES = 256 * 1024 * 1024;
/** How often at most the checkpointer thread checkpoints while pushes go on. */
const CHECKPOINT_INTERVAL_MS = 20;
/** How long a last-seen time may wait for a group commit before it is written on its own. */
const SEEN_DELAY_MS = 1000;

interface QueuedAppend {
  spaceId: string;
  deviceId: string;
  mutations: NewMutation[];
  receivedAt: Date;
  quota: SpaceQuota | undefined;
  resolve: (seqs: number[]) => void;
  reject: (error: unknown) => void;
}

export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Checkpoints (copying the WAL into the file, and its fsync) run on a thread of their own
  // (startCheckpointer); this connection finishes one now and then, so the WAL can restart.
  db.pragma(`wal_autocheckpoint = ${WRITER_PRAGMAS.checkpointPages}`);
  db.pragma(`journal_size_limit = ${WRITER_PRAGMAS.walSizeLimit}`);
  db.pragma('foreign_keys = ON');
  // Pulls read kilobytes of ciphertext per entry: a larger page cache keeps recent pages here.
  db.pragma(`cache_size = -${CACHE_KIB}`);
  // The writer thread's commits reset that cache (another connection wrote); mapped, the main
  // file's pages are read in place rather than copied in by a system call each.
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  // Another process holding the write lock makes us wait rather than fail at once.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrateForLimits(db);
  db.function('tandem_digest', { deterministic: true }, (recordId, v, iv, ct) =>
    mutationDigest(String(recordId), Number(v), String(iv), String(ct)),
  );

  const events = new SpaceEvents();
  const statements = prepareStatements(db);
  const checkpointer = startCheckpointer(file);

  const insertDevice = (spaceId: string, device: NewDevice, role: DeviceRole = 'member') => {
    assertPlainText('deviceName', device.name);
    return statements.insertDevice.run({
      id: device.deviceId,
      spaceId,
      name: device.name,
      tokenHash: device.tokenHash,
      createdAt: device.createdAt.toISOString(),
      role,
    });
  };

  const createSpace = db.transaction((spaceId: string, createdAt: Date, creator: NewDevice) => {
    statements.insertSpace.run(spaceId, createdAt.toISOString());
    insertDevice(spaceId, creator, 'owner');
  });

  const consumeInvite = db.transaction(
    (
      spaceId: string,
      tokenHash: string,
      now: Date,
      device: NewDevice,
      maxDevices: number,
    ): boolean => {
      const used = statements.useInvite.run(
        now.toISOString(),
        tokenHash,
        spaceId,
        now.toISOString(),
      );
      if (used.changes !== 1) return false;
      // Throwing rolls the use of the invite back: it still works once a device is removed.
      const active = statements.activeDevicesOfSpace.get(spaceId) as { count: number };
      if (active.count >= maxDevices) throw new LimitReachedError('devices', maxDevices);
      insertDevice(spaceId, device);
      return true;
    },
  );

  /**
   * Last-seen times not written yet, by device: written with the next group, or within a second.
   * Kept here until their group has committed, so the devices list shows them meanwhile.
   */
  const seen = new Map<string, Date>();
  let seenTimer: NodeJS.Timeout | undefined;
  const withSeen = (row: DeviceRow): DeviceRecord => {
    const device = toDevice(row);
    const pending = seen.get(row.id);
    if (pending && (device.lastSeenAt === null || device.lastSeenAt < pending)) {
      device.lastSeenAt = pending;
    }
    return device;
  };

  /**
   * Group commit, on the writer thread (sqlite-writer.ts): pushes that arrive while it commits a
   * group, or within one turn of the event loop when it is idle, are its next group: ONE
   * transaction, one fsync (synchronous=FULL). Each push is answered only after its group has
   * committed; one that fails is rolled back to its savepoint and answered with its own error,
   * and the others still commit. One group at a time, so seqs follow arrival order.
   */
  const writer = startWriter(file);
  const queue: QueuedAppend[] = [];
  let flushScheduled = false;
  let writing: Promise<void> | undefined;

  const takeSeen = (): Array<[string, string]> => {
    clearTimeout(seenTimer);
    seenTimer = undefined;
    return [...seen].map(([deviceId, at]) => [deviceId, at.toISOString()]);
  };
  /** Forgets the times a group wrote, unless a newer one came meanwhile. */
  const forgetSeen = (written: Array<[string, string]>) => {
    for (const [deviceId, at] of written) {
      if (seen.get(deviceId)?.toISOString() === at) seen.delete(deviceId);
    }
  };

  const flush = () => {
    flushScheduled = false;
    if (writing) return;
    const group = queue.splice(0, MAX_GROUP);
    if (group.length === 0) return;
    const written = takeSeen();
    writing = writeGroup(group, written).finally(() => {
      writing = undefined;
      // What arrived meanwhile is the next group, at once.
      if (queue.length > 0) flush();
    });
  };

  const writeGroup = async (group: QueuedAppend[], written: Array<[string, string]>) => {
    let outcomes: PushOutcome[];
    try {
      outcomes = await writer.write({
        pushes: group.map(({ resolve: _, reject: __, receivedAt, ...push }) => ({
          ...push,
          receivedAt: receivedAt.toISOString(),
        })),
        seen: written,
      });
    } catch (error) {
      for (const push of group) push.reject(error);
      return;
    }
    forgetSeen(written);
    // Committed: now, and only now, answer and announce (once per space, its newest seq).
    const grew = new Map<string, number>();
    group.forEach((push, index) => {
      const outcome = outcomes[index] as PushOutcome;
      if ('refused' in outcome) {
        push.reject(refusalError(outcome.refused));
      } else {
        push.resolve(outcome.seqs);
        if (outcome.grewTo !== null) grew.set(push.spaceId, outcome.grewTo);
      }
    });
    for (const [spaceId, seq] of grew) events.publish(spaceId, seq);
    checkpointer.nudge();
  };

  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    // After the poll phase: every request read in this turn of the event loop joins the group.
    setImmediate(flush);
  };

  /** Last-seen times with no push to ride along with: written by the thread on their own. */
  const writeSeenAlone = async () => {
    if (seen.size === 0) return;
    const written = takeSeen();
    await writer.write({ pushes: [], seen: written });
    forgetSeen(written);
  };

  const compactSpace = db.transaction((spaceId: string) => {
    statements.compact.run({ spaceId });
    const removed = statements.compactedStillInLog.get(spaceId) as { count: number; bytes: number };
    if (removed.count === 0) return removed;
    statements.dropCompacted.run(spaceId, spaceId);
    statements.shrink.run(removed.bytes, removed.count, spaceId);
    return removed;
  });

  const deleteSpace = db.transaction((spaceId: string) => {
    // Children first: the foreign keys are enforced. Prepared here, as key_exchange (the table
    // of key-exchange.ts) is made after the statements above.
    for (const sql of DELETE_SPACE_ROWS) db.prepare(sql).run(spaceId);
    return statements.deleteSpace.run(spaceId).changes === 1;
  });

  const revokeDevice = db.transaction((spaceId: string, deviceId: string, at: Date) => {
    if (!statements.deviceInSpace.get(deviceId, spaceId)) return false;
    statements.revokeDevice.run(at.toISOString(), deviceId);
    statements.voidInvitesOf.run(deviceId);
    // Prepared here, as deleteSpace's: the tables are made after the statements above.
    for (const sql of DELETE_REVOKED_DEVICE_ROWS) db.prepare(sql).run(spaceId, deviceId);
    return true;
  });

  const keyExchange = sqliteKeyExchange(db);
  const epochKeys = sqliteEpochKeys(db);
  const programmes = sqliteProgrammes(db);

  return {
    ...keyExchange,
    ...epochKeys,
    ...programmes,
    kind: 'sqlite',
    async createSpace(spaceId, createdAt, creator) {
      createSpace.immediate(spaceId, createdAt, creator);
    },
    async createDevice(spaceId, device) {
      insertDevice(spaceId, device);
    },
    async findDeviceByTokenHash(tokenHash) {
      const row = statements.deviceByTokenHash.get(tokenHash) as DeviceRow | undefined;
      return row && withSeen(row);
    },
    async touchDevice(deviceId, at) {
      const pending = seen.get(deviceId);
      if (!pending || pending < at) seen.set(deviceId, at);
      // Batched: a display-only time is not worth a commit (and an fsync) per request.
      seenTimer ??= setTimeout(() => {
        seenTimer = undefined;
        // Queued pushes are the next group, and it takes them; a group already on its way took
        // only those seen before it, so these go to the thread on their own, after it.
        if (queue.length > 0) return;
        writeSeenAlone().catch(() => {
          // Busy (an operator command holds the file): kept, written with the next group.
        });
      }, SEEN_DELAY_MS).unref();
    },
    async createInvite(invite: NewInvite, maxOpen = Number.POSITIVE_INFINITY) {
      db.transaction(() => {
        // Housekeeping: expired invites of the space are of no use to anyone.
        statements.dropExpiredInvites.run(invite.spaceId, invite.createdAt.toISOString());
        const open = statements.openInvitesOfSpace.get(invite.spaceId) as { count: number };
        if (open.count >= maxOpen) throw new LimitReachedError('invites', maxOpen);
        statements.insertInvite.run({
          tokenHash: invite.tokenHash,
          spaceId: invite.spaceId,
          createdBy: invite.createdBy,
          createdAt: invite.createdAt.toISOString(),
          expiresAt: invite.expiresAt.toISOString(),
        });
      }).immediate();
    },
    async consumeInvite(spaceId, tokenHash, now, device, maxDevices = Number.POSITIVE_INFINITY) {
      return consumeInvite.immediate(spaceId, tokenHash, now, device, maxDevices);
    },
    append(spaceId, deviceId, mutations, receivedAt, quota) {
      return new Promise<number[]>((resolve, reject) => {
        queue.push({ spaceId, deviceId, mutations, receivedAt, quota, resolve, reject });
        scheduleFlush();
      });
    },
    async usage(spaceId) {
      const row = statements.spaceCounters.get(spaceId) as SpaceCounters | undefined;
      return { bytes: row?.log_bytes ?? 0, records: row?.log_records ?? 0 };
    },
    async pull(spaceId, options: PullOptions): Promise<PullPage> {
      const entries: LogEntry[] = [];
      let bytes = 0;
      let more = false;
      const rows = statements.pull.iterate({
        spaceId,
        after: options.after,
        limit: options.limit,
      }) as IterableIterator<LogRow & { size: number }>;
      // Leaving the loop early (return or break) resets the statement.
      for (const row of rows) {
        if (entries.length >= options.limit || bytes >= options.maxBytes) {
          more = true;
          break;
        }
        entries.push(toLogEntry(row));
        bytes += row.size;
      }
      const head = statements.lastSeq.get(spaceId) as { last_seq: number } | undefined;
      return { entries, more, head: head?.last_seq ?? 0 };
    },
    async lastSeq(spaceId) {
      const row = statements.lastSeq.get(spaceId) as { last_seq: number } | undefined;
      return row?.last_seq ?? 0;
    },
    async listDevices(spaceId) {
      return (statements.devicesOfSpace.all(spaceId) as DeviceRow[]).map(withSeen);
    },
    async revokeDevice(spaceId, deviceId, at) {
      return revokeDevice.immediate(spaceId, deviceId, at);
    },
    async makeOwner(spaceId, deviceId) {
      return statements.makeOwner.run(deviceId, spaceId).changes === 1;
    },
    async deleteSpace(spaceId) {
      return deleteSpace.immediate(spaceId);
    },
    async compactLog(spaceId): Promise<CompactionResult> {
      const spaceIds =
        spaceId === undefined
          ? (statements.allSpaces.all() as { id: string }[]).map((row) => row.id)
          : [spaceId];
      const result = { spaces: 0, removedEntries: 0, removedBytes: 0 };
      // One transaction per space: pushes to other spaces go on in between.
      for (const id of spaceIds) {
        const removed = compactSpace.immediate(id);
        result.spaces += 1;
        result.removedEntries += removed.count;
        result.removedBytes += removed.bytes;
      }
      return result;
    },
    subscribe(spaceId, listener) {
      return events.subscribe(spaceId, listener);
    },
    async close() {
      // Pushes still queued are written (and answered) before the file closes.
      while (writing || queue.length > 0) {
        flush();
        await writing;
      }
      await writeSeenAlone();
      clearTimeout(seenTimer);
      await writer.stop();
      events.clear();
      await checkpointer.stop();
      if (db.open) db.close();
    },
  };
}

/**
 * A worker thread with its own connection that checkpoints the WAL after group commits
 * (PASSIVE: it never blocks the writer or readers), so the copying and the file's fsync happen
 * beside the event loop instead of inside a push's commit. Durability does not depend on it: a
 * commit is durable once its WAL frames are synced (synchronous=FULL); a checkpoint only moves
 * them into the main file, and SQLite replays a WAL left behind after a crash.
 */
function startCheckpointer(file: string): { nudge(): void; stop(): Promise<void> } {
  const worker = new Worker(CHECKPOINTER_SOURCE, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  let alive = true;
  // Without it the writer's own checkpoints (above) still keep the WAL bounded, only slower.
  worker.on('error', () => {
    alive = false;
  });
  worker.on('exit', () => {
    alive = false;
  });
  return {
    nudge() {
      if (alive) worker.postMessage('checkpoint');
    },
    async stop() {
      if (!alive) return;
      alive = false;
      await worker.terminate();
    },
  };
}

/** The checkpointer's code (CommonJS, run with eval so it needs no loader for TypeScript). */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
let waiting = false;
// At most one checkpoint per interval, however many group commits asked for one meanwhile.
parentPort.on('message', () => {
  if (waiting) return;
  waiting = true;
  setTimeout(() => {
    waiting = false;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or gone: the next group commit asks again.
    }
  }, ${CHECKPOINT_INTERVAL_MS});
});
`;

function prepareStatements(db: Database.Database) {
  return {
    insertSpace: db.prepare('INSERT INTO spaces (id, created_at) VALUES (?, ?)'),
    insertDevice: db.prepare(
      `INSERT INTO devices (id, space_id, name, token_hash, created_at, role)
       VALUES (@id, @spaceId, @name, @tokenHash, @createdAt, @role)`,
    ),
    activeDevicesOfSpace: db.prepare(
      'SELECT COUNT(*) AS count FROM devices WHERE space_id = ? AND revoked_at IS NULL',
    ),
    openInvitesOfSpace: db.prepare(
      'SELECT COUNT(*) AS count FROM invites WHERE space_id = ? AND used_at IS NULL',
    ),
    makeOwner: db.prepare(
      `UPDATE devices SET role = 'owner' WHERE id = ? AND space_id = ? AND revoked_at IS NULL`,
    ),
    spaceCounters: db.prepare('SELECT last_seq, log_bytes, log_records FROM spaces WHERE id = ?'),
    shrink: db.prepare(
      'UPDATE spaces SET log_bytes = log_bytes - ?, log_records = log_records - ? WHERE id = ?',
    ),
    compact: db.prepare(COMPACT_SQL),
    compactedStillInLog: db.prepare(
      `SELECT COUNT(*) AS count, COALESCE(SUM(l.size), 0) AS bytes
       FROM log l JOIN compacted c ON c.space_id = l.space_id AND c.seq = l.seq
       WHERE l.space_id = ?`,
    ),
    dropCompacted: db.prepare(
      'DELETE FROM log WHERE space_id = ? AND seq IN (SELECT seq FROM compacted WHERE space_id = ?)',
    ),
    allSpaces: db.prepare('SELECT id FROM spaces ORDER BY id'),
    deleteSpace: db.prepare('DELETE FROM spaces WHERE id = ?'),
    deviceByTokenHash: db.prepare('SELECT * FROM devices WHERE token_hash = ?'),
    deviceInSpace: db.prepare('SELECT 1 FROM devices WHERE id = ? AND space_id = ?'),
    devicesOfSpace: db.prepare('SELECT * FROM devices WHERE space_id = ? ORDER BY created_at, id'),
    revokeDevice: db.prepare(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?',
    ),
    insertInvite: db.prepare(
      `INSERT INTO invites (token_hash, space_id, created_by, created_at, expires_at)
       VALUES (@tokenHash, @spaceId, @createdBy, @createdAt, @expiresAt)`,
    ),
    // The WHERE clause is the whole single-use check: only one UPDATE can flip used_at.
    useInvite: db.prepare(
      `UPDATE invites SET used_at = ?
       WHERE token_hash = ? AND space_id = ? AND used_at IS NULL AND expires_at > ?`,
    ),
    dropExpiredInvites: db.prepare('DELETE FROM invites WHERE space_id = ? AND expires_at <= ?'),
    voidInvitesOf: db.prepare('DELETE FROM invites WHERE created_by = ? AND used_at IS NULL'),
    lastSeq: db.prepare('SELECT last_seq FROM spaces WHERE id = ?'),
    pull: db.prepare(PULL_SQL),
  };
}

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.id,
    spaceId: row.space_id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: new Date(row.created_at),
    lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    role: row.role,
  };
}

interface SpaceCounters {
  last_seq: number;
  log_bytes: number;
  log_records: number;
}

/**
 * Brings a file made before quotas and roles up to date, in place and once: the log's size and
 * entry count move onto the space row, and each space's first device becomes its owner.
 */
function migrateForLimits(db: Database.Database): void {
  const hasColumn = (table: string, column: string) =>
    db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !==
    undefined;
  db.transaction(() => {
    db.exec(LIMITS_SCHEMA);
    if (!hasColumn('spaces', 'log_bytes')) {
      db.exec(`
        ALTER TABLE spaces ADD COLUMN log_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE spaces ADD COLUMN log_records INTEGER NOT NULL DEFAULT 0;
        UPDATE spaces SET
          log_bytes = (SELECT COALESCE(SUM(size), 0) FROM log WHERE log.space_id = spaces.id),
          log_records = (SELECT COUNT(*) FROM log WHERE log.space_id = spaces.id);
      `);
    }
    if (!hasColumn('devices', 'role')) {
      db.exec(`
        ALTER TABLE devices ADD COLUMN role TEXT NOT NULL DEFAULT 'member'
          CHECK (role IN ('owner', 'member'));
        UPDATE devices SET role = 'owner' WHERE id IN (
          SELECT (SELECT d.id FROM devices d WHERE d.space_id = s.id ORDER BY d.created_at, d.id
                  LIMIT 1)
          FROM spaces s);
      `);
    }
  }).immediate();
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    seq: row.seq,
    recordId: row.record_id,
    deviceId: row.device_id,
    mutationId: row.mutation_id,
    // Only versions the protocol accepts are ever stored; the column keeps room for the next.
    envelope: { v: row.envelope_version as 1, iv: row.iv, ct: row.ct },
    receivedAt: isoTime(row.received_at),
  };
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A stored time as the protocol sends it: ISO 8601 in UTC with milliseconds. */
function isoTime(stored: string): string {
  // Every version of the sidecar stored Date.toISOString(); anything else is parsed again.
  return ISO_TIME.test(stored) ? stored : new Date(stored).toISOString();
}
