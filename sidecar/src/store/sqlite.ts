import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry } from '../../../utils/sync/protocol';
import { SpaceEvents } from './space-events';
import {
  type DeviceRecord,
  type NewDevice,
  type NewInvite,
  type NewMutation,
  type PullOptions,
  type PullPage,
  RevokedDeviceError,
  type Store,
} from './types';

/**
 * The embedded default: one SQLite file in the data dir. WAL lets readers run beside the one
 * writer; synchronous=FULL makes a commit durable before a push is answered, so a 200 survives a
 * power cut. Every write is one transaction; appends use BEGIN IMMEDIATE so that two processes
 * sharing the file cannot both read the same last seq.
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

/** The page's rows: at most `limit`, cut once the ciphertext before a row reaches the budget. */
const PULL_SQL = `
WITH page AS (
  SELECT seq, size FROM log WHERE space_id = @spaceId AND seq > @after ORDER BY seq LIMIT @limit
), budgeted AS (
  SELECT seq, SUM(size) OVER (ORDER BY seq) - size AS before FROM page
)
SELECT l.seq, l.record_id, l.device_id, l.mutation_id, l.envelope_version, l.iv, l.ct, l.received_at
FROM budgeted b JOIN log l ON l.space_id = @spaceId AND l.seq = b.seq
WHERE b.before < @maxBytes
ORDER BY l.seq
`;

interface DeviceRow {
  id: string;
  space_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
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

export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process holding the write lock makes us wait rather than fail at once.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const events = new SpaceEvents();
  const statements = prepareStatements(db);

  const insertDevice = (spaceId: string, device: NewDevice) =>
    statements.insertDevice.run({
      id: device.deviceId,
      spaceId,
      name: device.name,
      tokenHash: device.tokenHash,
      createdAt: device.createdAt.toISOString(),
    });

  const createSpace = db.transaction((spaceId: string, createdAt: Date, creator: NewDevice) => {
    statements.insertSpace.run(spaceId, createdAt.toISOString());
    insertDevice(spaceId, creator);
  });

  const consumeInvite = db.transaction(
    (spaceId: string, tokenHash: string, now: Date, device: NewDevice): boolean => {
      const used = statements.useInvite.run(
        now.toISOString(),
        tokenHash,
        spaceId,
        now.toISOString(),
      );
      if (used.changes !== 1) return false;
      insertDevice(spaceId, device);
      return true;
    },
  );

  const append = db.transaction(
    (spaceId: string, deviceId: string, mutations: NewMutation[], receivedAt: Date) => {
      if (!statements.activeDevice.get(deviceId, spaceId)) throw new RevokedDeviceError();
      const space = statements.lastSeq.get(spaceId) as { last_seq: number } | undefined;
      if (!space) throw new RevokedDeviceError();
      let last = space.last_seq;
      const seqs: number[] = [];
      // A batch may repeat a mutation id; the repeat is a retry of the first.
      const storedNow = new Map<number, number>();
      for (const mutation of mutations) {
        const known =
          storedNow.get(mutation.mutationId) ??
          (statements.existingSeq.get(deviceId, mutation.mutationId) as { seq: number } | undefined)
            ?.seq;
        if (known !== undefined) {
          seqs.push(known);
          continue;
        }
        last += 1;
        statements.insertLog.run({
          spaceId,
          seq: last,
          recordId: mutation.recordId,
          deviceId,
          mutationId: mutation.mutationId,
          version: mutation.envelope.v,
          iv: mutation.envelope.iv,
          ct: mutation.envelope.ct,
          size: mutation.envelope.ct.length,
          receivedAt: receivedAt.toISOString(),
        });
        storedNow.set(mutation.mutationId, last);
        seqs.push(last);
      }
      const grew = last !== space.last_seq;
      if (grew) statements.setLastSeq.run(last, spaceId);
      return { seqs, grewTo: grew ? last : null };
    },
  );

  const revokeDevice = db.transaction((spaceId: string, deviceId: string, at: Date) => {
    if (!statements.deviceInSpace.get(deviceId, spaceId)) return false;
    statements.revokeDevice.run(at.toISOString(), deviceId);
    statements.voidInvitesOf.run(deviceId);
    return true;
  });

  return {
    kind: 'sqlite',
    async createSpace(spaceId, createdAt, creator) {
      createSpace.immediate(spaceId, createdAt, creator);
    },
    async createDevice(spaceId, device) {
      insertDevice(spaceId, device);
    },
    async findDeviceByTokenHash(tokenHash) {
      const row = statements.deviceByTokenHash.get(tokenHash) as DeviceRow | undefined;
      return row && toDevice(row);
    },
    async touchDevice(deviceId, at) {
      statements.touchDevice.run(at.toISOString(), deviceId);
    },
    async createInvite(invite: NewInvite) {
      db.transaction(() => {
        // Housekeeping: expired invites of the space are of no use to anyone.
        statements.dropExpiredInvites.run(invite.spaceId, invite.createdAt.toISOString());
        statements.insertInvite.run({
          tokenHash: invite.tokenHash,
          spaceId: invite.spaceId,
          createdBy: invite.createdBy,
          createdAt: invite.createdAt.toISOString(),
          expiresAt: invite.expiresAt.toISOString(),
        });
      }).immediate();
    },
    async consumeInvite(spaceId, tokenHash, now, device) {
      return consumeInvite.immediate(spaceId, tokenHash, now, device);
    },
    async append(spaceId, deviceId, mutations, receivedAt) {
      const { seqs, grewTo } = append.immediate(spaceId, deviceId, mutations, receivedAt);
      if (grewTo !== null) events.publish(spaceId, grewTo);
      return seqs;
    },
    async pull(spaceId, options: PullOptions): Promise<PullPage> {
      const rows = statements.pull.all({
        spaceId,
        after: options.after,
        limit: options.limit,
        maxBytes: options.maxBytes,
      }) as LogRow[];
      const entries = rows.map(toLogEntry);
      const last = entries.at(-1)?.seq ?? options.after;
      const more = statements.entryAfter.get(spaceId, last) !== undefined;
      return { entries, more };
    },
    async lastSeq(spaceId) {
      const row = statements.lastSeq.get(spaceId) as { last_seq: number } | undefined;
      return row?.last_seq ?? 0;
    },
    async listDevices(spaceId) {
      return (statements.devicesOfSpace.all(spaceId) as DeviceRow[]).map(toDevice);
    },
    async revokeDevice(spaceId, deviceId, at) {
      return revokeDevice.immediate(spaceId, deviceId, at);
    },
    subscribe(spaceId, listener) {
      return events.subscribe(spaceId, listener);
    },
    async close() {
      events.clear();
      if (db.open) db.close();
    },
  };
}

function prepareStatements(db: Database.Database) {
  return {
    insertSpace: db.prepare('INSERT INTO spaces (id, created_at) VALUES (?, ?)'),
    insertDevice: db.prepare(
      `INSERT INTO devices (id, space_id, name, token_hash, created_at)
       VALUES (@id, @spaceId, @name, @tokenHash, @createdAt)`,
    ),
    deviceByTokenHash: db.prepare('SELECT * FROM devices WHERE token_hash = ?'),
    activeDevice: db.prepare(
      'SELECT 1 FROM devices WHERE id = ? AND space_id = ? AND revoked_at IS NULL',
    ),
    deviceInSpace: db.prepare('SELECT 1 FROM devices WHERE id = ? AND space_id = ?'),
    devicesOfSpace: db.prepare('SELECT * FROM devices WHERE space_id = ? ORDER BY created_at, id'),
    touchDevice: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
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
    setLastSeq: db.prepare('UPDATE spaces SET last_seq = ? WHERE id = ?'),
    existingSeq: db.prepare('SELECT seq FROM log WHERE device_id = ? AND mutation_id = ?'),
    insertLog: db.prepare(
      `INSERT INTO log (space_id, seq, record_id, device_id, mutation_id, envelope_version, iv, ct,
         size, received_at)
       VALUES (@spaceId, @seq, @recordId, @deviceId, @mutationId, @version, @iv, @ct, @size,
         @receivedAt)`,
    ),
    pull: db.prepare(PULL_SQL),
    entryAfter: db.prepare('SELECT 1 FROM log WHERE space_id = ? AND seq > ? LIMIT 1'),
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
  };
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    seq: row.seq,
    recordId: row.record_id,
    deviceId: row.device_id,
    mutationId: row.mutation_id,
    // Only versions the protocol accepts are ever stored; the column keeps room for the next.
    envelope: { v: row.envelope_version as 1, iv: row.iv, ct: row.ct },
    receivedAt: new Date(row.received_at).toISOString(),
  };
}
