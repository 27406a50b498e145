import pg from 'pg';
import type { LogEntry } from '../../../utils/sync/protocol';
import { SpaceEvents } from './space-events';
import {
  type DeviceRecord,
  type NewDevice,
  type NewMutation,
  RevokedDeviceError,
  type Store,
} from './types';

/**
 * PostgreSQL, for running several stateless sidecar processes on one database. Each space's seq
 * comes from a counter column on its `spaces` row, read FOR UPDATE and written in the append's
 * transaction: concurrent appends to a space queue on that row lock, so seqs are gapless and
 * commit in order (a reader never sees seq 6 before 5). Every append NOTIFYs `spaceId:seq` on
 * one channel; each process LISTENs and wakes its own SSE streams.
 */

export const NOTIFY_CHANNEL = 'tandem_log';
/** Any constant: serialises schema creation when several processes start at once. */
const SCHEMA_LOCK = 7_463_726_001;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS spaces (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS devices (
  id text PRIMARY KEY,
  space_id text NOT NULL REFERENCES spaces(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS devices_by_space ON devices(space_id, created_at);
CREATE TABLE IF NOT EXISTS invites (
  token_hash text PRIMARY KEY,
  space_id text NOT NULL REFERENCES spaces(id),
  created_by text NOT NULL REFERENCES devices(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX IF NOT EXISTS invites_by_creator ON invites(created_by);
CREATE TABLE IF NOT EXISTS log (
  space_id text NOT NULL REFERENCES spaces(id),
  seq bigint NOT NULL,
  record_id text NOT NULL,
  device_id text NOT NULL REFERENCES devices(id),
  mutation_id bigint NOT NULL,
  envelope_version integer NOT NULL,
  iv text NOT NULL,
  ct text NOT NULL,
  size integer NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (space_id, seq),
  UNIQUE (device_id, mutation_id)
);
`;

/** The page's rows: at most `limit`, cut once the ciphertext before a row reaches the budget. */
const PULL_SQL = `
WITH page AS (
  SELECT seq, size FROM log WHERE space_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
), budgeted AS (
  SELECT seq, SUM(size) OVER (ORDER BY seq) - size AS before FROM page
)
SELECT l.seq, l.record_id, l.device_id, l.mutation_id, l.envelope_version, l.iv, l.ct, l.received_at
FROM budgeted b JOIN log l ON l.space_id = $1 AND l.seq = b.seq
WHERE b.before < $4
ORDER BY l.seq
`;

interface DeviceRow {
  id: string;
  space_id: string;
  name: string;
  token_hash: string;
  created_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}

interface LogRow {
  seq: string;
  record_id: string;
  device_id: string;
  mutation_id: string;
  envelope_version: number;
  iv: string;
  ct: string;
  received_at: Date;
}

type Queryable = pg.Pool | pg.PoolClient;

export async function openPostgresStore(connectionString: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  await createSchema(pool);
  const events = new SpaceEvents();
  const listener = await listenForAppends(connectionString, events);
  let closed = false;

  const insertDevice = (db: Queryable, spaceId: string, device: NewDevice) =>
    db.query(
      `INSERT INTO devices (id, space_id, name, token_hash, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [device.deviceId, spaceId, device.name, device.tokenHash, device.createdAt],
    );

  return {
    kind: 'postgres',
    async createSpace(spaceId, createdAt, creator) {
      await inTransaction(pool, async (client) => {
        await client.query('INSERT INTO spaces (id, created_at) VALUES ($1, $2)', [
          spaceId,
          createdAt,
        ]);
        await insertDevice(client, spaceId, creator);
      });
    },
    async createDevice(spaceId, device) {
      await insertDevice(pool, spaceId, device);
    },
    async findDeviceByTokenHash(tokenHash) {
      const { rows } = await pool.query<DeviceRow>('SELECT * FROM devices WHERE token_hash = $1', [
        tokenHash,
      ]);
      return rows[0] && toDevice(rows[0]);
    },
    async touchDevice(deviceId, at) {
      await pool.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [at, deviceId]);
    },
    async createInvite(invite) {
      await inTransaction(pool, async (client) => {
        // Housekeeping: expired invites of the space are of no use to anyone.
        await client.query('DELETE FROM invites WHERE space_id = $1 AND expires_at <= $2', [
          invite.spaceId,
          invite.createdAt,
        ]);
        await client.query(
          `INSERT INTO invites (token_hash, space_id, created_by, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [invite.tokenHash, invite.spaceId, invite.createdBy, invite.createdAt, invite.expiresAt],
        );
      });
    },
    async consumeInvite(spaceId, tokenHash, now, device) {
      return inTransaction(pool, async (client) => {
        // A concurrent UPDATE of the same row waits for ours, then re-checks used_at IS NULL
        // and finds it false: exactly one join wins.
        const used = await client.query(
          `UPDATE invites SET used_at = $1
           WHERE token_hash = $2 AND space_id = $3 AND used_at IS NULL AND expires_at > $1`,
          [now, tokenHash, spaceId],
        );
        if (used.rowCount !== 1) return false;
        await insertDevice(client, spaceId, device);
        return true;
      });
    },
    async append(spaceId, deviceId, mutations, receivedAt) {
      return inTransaction(pool, (client) =>
        appendInTransaction(client, spaceId, deviceId, mutations, receivedAt),
      );
    },
    async pull(spaceId, options) {
      const { rows } = await pool.query<LogRow>(PULL_SQL, [
        spaceId,
        options.after,
        options.limit,
        options.maxBytes,
      ]);
      const entries = rows.map(toLogEntry);
      const last = entries.at(-1)?.seq ?? options.after;
      const after = await pool.query('SELECT 1 FROM log WHERE space_id = $1 AND seq > $2 LIMIT 1', [
        spaceId,
        last,
      ]);
      return { entries, more: after.rowCount === 1 };
    },
    async lastSeq(spaceId) {
      const { rows } = await pool.query<{ last_seq: string }>(
        'SELECT last_seq FROM spaces WHERE id = $1',
        [spaceId],
      );
      return rows[0] ? Number(rows[0].last_seq) : 0;
    },
    async listDevices(spaceId) {
      const { rows } = await pool.query<DeviceRow>(
        'SELECT * FROM devices WHERE space_id = $1 ORDER BY created_at, id',
        [spaceId],
      );
      return rows.map(toDevice);
    },
    async revokeDevice(spaceId, deviceId, at) {
      return inTransaction(pool, async (client) => {
        const revoked = await client.query(
          `UPDATE devices SET revoked_at = COALESCE(revoked_at, $1)
           WHERE id = $2 AND space_id = $3`,
          [at, deviceId, spaceId],
        );
        if (revoked.rowCount !== 1) return false;
        await client.query('DELETE FROM invites WHERE created_by = $1 AND used_at IS NULL', [
          deviceId,
        ]);
        return true;
      });
    },
    subscribe(spaceId, listener) {
      return events.subscribe(spaceId, listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      events.clear();
      await listener.close();
      await pool.end();
    },
  };
}

async function createSchema(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin; the lock makes it so.
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
  });
}

async function appendInTransaction(
  client: pg.PoolClient,
  spaceId: string,
  deviceId: string,
  mutations: NewMutation[],
  receivedAt: Date,
): Promise<number[]> {
  // Lock the counter first: everything below then sees every earlier append to this space.
  const space = await client.query<{ last_seq: string }>(
    'SELECT last_seq FROM spaces WHERE id = $1 FOR UPDATE',
    [spaceId],
  );
  const active = await client.query(
    'SELECT 1 FROM devices WHERE id = $1 AND space_id = $2 AND revoked_at IS NULL',
    [deviceId, spaceId],
  );
  if (!space.rows[0] || active.rowCount !== 1) throw new RevokedDeviceError();

  const stored = await client.query<{ mutation_id: string; seq: string }>(
    'SELECT mutation_id, seq FROM log WHERE device_id = $1 AND mutation_id = ANY($2::bigint[])',
    [deviceId, mutations.map((m) => m.mutationId)],
  );
  const known = new Map(stored.rows.map((row) => [Number(row.mutation_id), Number(row.seq)]));

  const first = Number(space.rows[0].last_seq);
  let last = first;
  const fresh: { seq: number; mutation: NewMutation }[] = [];
  const seqs = mutations.map((mutation) => {
    const seq = known.get(mutation.mutationId);
    if (seq !== undefined) return seq;
    last += 1;
    // A batch may repeat a mutation id; the repeat is a retry of the first.
    known.set(mutation.mutationId, last);
    fresh.push({ seq: last, mutation });
    return last;
  });
  if (fresh.length === 0) return seqs;

  await client.query(
    `INSERT INTO log (space_id, seq, record_id, device_id, mutation_id, envelope_version, iv, ct,
       size, received_at)
     SELECT $1, t.seq, t.record_id, $2, t.mutation_id, t.version, t.iv, t.ct, t.size, $3
     FROM unnest($4::bigint[], $5::text[], $6::bigint[], $7::int[], $8::text[], $9::text[],
       $10::int[]) AS t(seq, record_id, mutation_id, version, iv, ct, size)`,
    [
      spaceId,
      deviceId,
      receivedAt,
      fresh.map((f) => f.seq),
      fresh.map((f) => f.mutation.recordId),
      fresh.map((f) => f.mutation.mutationId),
      fresh.map((f) => f.mutation.envelope.v),
      fresh.map((f) => f.mutation.envelope.iv),
      fresh.map((f) => f.mutation.envelope.ct),
      fresh.map((f) => f.mutation.envelope.ct.length),
    ],
  );
  await client.query('UPDATE spaces SET last_seq = $1 WHERE id = $2', [last, spaceId]);
  // Delivered to every listener when (and only if) this transaction commits.
  await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, `${spaceId}:${last}`]);
  return seqs;
}

async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A client whose ROLLBACK fails is broken: destroy it instead of returning it to the pool.
    const rollback = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: Error) => rollbackError,
    );
    client.release(rollback);
    throw error;
  }
}

/**
 * One dedicated connection LISTENs for appends made by any process. If it drops (database
 * restart), it reconnects with backoff; appends made while it was down are not announced, which
 * costs open panels only a delay until their next pull.
 */
async function listenForAppends(
  connectionString: string,
  events: SpaceEvents,
): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = 500;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      const announced = parseNotification(message.payload);
      if (announced) events.publish(announced.spaceId, announced.seq);
    });
    next.on('error', () => onBroken(next));
    next.on('end', () => onBroken(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => {});
      throw error;
    }
    client = next;
  };

  const reconnectLater = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(async () => {
      retryTimer = undefined;
      try {
        await connect();
        delay = 500;
      } catch {
        delay = Math.min(delay * 2, 30_000);
        reconnectLater();
      }
    }, delay);
  };

  function onBroken(broken: pg.Client) {
    if (closed || broken !== client) return;
    client = undefined;
    broken.end().catch(() => {});
    reconnectLater();
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}

function parseNotification(payload: string | undefined): { spaceId: string; seq: number } | null {
  const match = /^([A-Za-z0-9_-]{22}):(\d+)$/.exec(payload ?? '');
  if (!match?.[1] || !match[2]) return null;
  return { spaceId: match[1], seq: Number(match[2]) };
}

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.id,
    spaceId: row.space_id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    seq: Number(row.seq),
    recordId: row.record_id,
    deviceId: row.device_id,
    mutationId: Number(row.mutation_id),
    // Only versions the protocol accepts are ever stored; the column keeps room for the next.
    envelope: { v: row.envelope_version as 1, iv: row.iv, ct: row.ct },
    receivedAt: row.received_at.toISOString(),
  };
}
