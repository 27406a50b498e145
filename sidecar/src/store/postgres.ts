import type { LogEntry } from '@tandem/protocol';
import pg from 'pg';
import { EPOCH_KEYS_TABLES, POSTGRES_EPOCH_KEYS_SCHEMA, postgresEpochKeys } from './epoch-keys';
import { assertPlainText, assertSameVersion } from './guards';
import { POSTGRES_KEY_EXCHANGE_SCHEMA, postgresKeyExchange } from './key-exchange';
import { inTransaction } from './pg-transaction';
import { POSTGRES_PROGRAMMES_SCHEMA, postgresProgrammes } from './programmes';
import { SpaceEvents } from './space-events';
import {
  type CompactionResult,
  type DeviceRecord,
  type DeviceRole,
  LimitReachedError,
  MutationConflictError,
  type NewDevice,
  type NewMutation,
  QuotaExceededError,
  RevokedDeviceError,
  type SpaceQuota,
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
/** How long a last-seen time waits before it is written, with the others of that second. */
const SEEN_DELAY_MS = 1000;
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

/**
 * The page's rows: at most `limit`, cut once the ciphertext before a row reaches the budget;
 * and, in the same statement (one round trip, one snapshot), whether entries follow the page and
 * the log's head. An empty page is one row of NULLs carrying those two.
 */
const PULL_SQL = `
WITH page AS (
  SELECT seq, size FROM log WHERE space_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
), budgeted AS (
  SELECT seq, SUM(size) OVER (ORDER BY seq) - size AS before FROM page
), rows AS (
  SELECT l.seq, l.record_id, l.device_id, l.mutation_id, l.envelope_version, l.iv, l.ct,
    l.received_at
  FROM budgeted b JOIN log l ON l.space_id = $1 AND l.seq = b.seq
  WHERE b.before < $4
), tail AS (
  SELECT EXISTS (
    SELECT 1 FROM log WHERE space_id = $1 AND seq > COALESCE((SELECT MAX(seq) FROM rows), $2)
  ) AS more,
  (SELECT last_seq FROM spaces WHERE id = $1) AS head
)
SELECT r.*, t.more, t.head FROM tail t LEFT JOIN rows r ON true ORDER BY r.seq
`;

/**
 * Added after the first release, so older databases get them in place (migrateForLimits): the
 * log's size on its space row (for quotas), device roles, and receipts of compacted entries.
 */
const LIMITS_SCHEMA = `
CREATE TABLE IF NOT EXISTS compacted (
  space_id text NOT NULL REFERENCES spaces(id),
  seq bigint NOT NULL,
  device_id text NOT NULL,
  mutation_id bigint NOT NULL,
  digest text NOT NULL,
  PRIMARY KEY (space_id, seq),
  UNIQUE (device_id, mutation_id)
);
`;

/**
 * Receipts for the space's entries that a newer entry of the same record supersedes; the digest
 * is guards.ts's mutationDigest, computed here.
 */
const COMPACT_SQL = `
INSERT INTO compacted (space_id, seq, device_id, mutation_id, digest)
SELECT l.space_id, l.seq, l.device_id, l.mutation_id,
  encode(sha256(convert_to(
    l.record_id || E'\\n' || l.envelope_version || E'\\n' || l.iv || E'\\n' || l.ct, 'UTF8')), 'hex')
FROM log l
JOIN (
  SELECT seq, ROW_NUMBER() OVER (PARTITION BY record_id ORDER BY seq DESC) AS newer
  FROM log WHERE space_id = $1
) r ON r.seq = l.seq
WHERE l.space_id = $1 AND r.newer > 1
`;

/** A space's rows in every table but `spaces`, children before their parents. */
const DELETE_SPACE_ROWS = [
  'DELETE FROM compacted WHERE space_id = $1',
  'DELETE FROM log WHERE space_id = $1',
  'DELETE FROM invites WHERE space_id = $1',
  // key-exchange.ts's table.
  'DELETE FROM key_exchange WHERE space_id = $1',
  // epoch-keys.ts's tables.
  ...EPOCH_KEYS_TABLES.map((table) => `DELETE FROM ${table} WHERE space_id = $1`),
  'DELETE FROM devices WHERE space_id = $1',
];

/** A revoked device's rows of epoch-keys.ts's tables: its own key and what was sealed for it. */
const DELETE_REVOKED_DEVICE_ROWS = EPOCH_KEYS_TABLES.map(
  (table) => `DELETE FROM ${table} WHERE space_id = $1 AND device_id = $2`,
);

interface DeviceRow {
  id: string;
  space_id: string;
  name: string;
  token_hash: string;
  created_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  role: DeviceRole;
}

/** A row of PULL_SQL: an entry (or NULLs, for an empty page) with the page's `more` and `head`. */
type PullRow = LogRow & { more: boolean; head: string | null };

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
  const announcements = coalescedNotifications(pool);
  const seen = batchedLastSeen(pool);
  let closed = false;

  const insertDevice = async (
    db: Queryable,
    spaceId: string,
    device: NewDevice,
    role: DeviceRole = 'member',
  ) => {
    assertPlainText('deviceName', device.name);
    await db.query(
      `INSERT INTO devices (id, space_id, name, token_hash, created_at, role)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [device.deviceId, spaceId, device.name, device.tokenHash, device.createdAt, role],
    );
  };

  const keyExchange = postgresKeyExchange(pool);
  const epochKeys = postgresEpochKeys(pool);
  const programmes = postgresProgrammes(pool);

  return {
    ...keyExchange,
    ...epochKeys,
    ...programmes,
    kind: 'postgres',
    async createSpace(spaceId, createdAt, creator) {
      await inTransaction(pool, async (client) => {
        await client.query('INSERT INTO spaces (id, created_at) VALUES ($1, $2)', [
          spaceId,
          createdAt,
        ]);
        await insertDevice(client, spaceId, creator, 'owner');
      });
    },
    async createDevice(spaceId, device) {
      await insertDevice(pool, spaceId, device);
    },
    async findDeviceByTokenHash(tokenHash) {
      // Named statements (here, and the pull's and the append's) are planned once per connection.
      const { rows } = await pool.query<DeviceRow>({
        name: 'tandem_device_by_token',
        text: 'SELECT * FROM devices WHERE token_hash = $1',
        values: [tokenHash],
      });
      return rows[0] && seen.overlay(toDevice(rows[0]));
    },
    async touchDevice(deviceId, at) {
      seen.add(deviceId, at);
    },
    async createInvite(invite, maxOpen = Number.POSITIVE_INFINITY) {
      await inTransaction(pool, async (client) => {
        // The space row first, as every other writer of its invites and devices does: the count
        // below then holds until commit.
        await client.query('SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE', [invite.spaceId]);
        // Housekeeping: expired invites of the space are of no use to anyone.
        await client.query('DELETE FROM invites WHERE space_id = $1 AND expires_at <= $2', [
          invite.spaceId,
          invite.createdAt,
        ]);
        const open = await client.query<{ count: string }>(
          'SELECT COUNT(*) AS count FROM invites WHERE space_id = $1 AND used_at IS NULL',
          [invite.spaceId],
        );
        if (Number(open.rows[0]?.count) >= maxOpen) {
          throw new LimitReachedError('invites', maxOpen);
        }
        await client.query(
          `INSERT INTO invites (token_hash, space_id, created_by, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [invite.tokenHash, invite.spaceId, invite.createdBy, invite.createdAt, invite.expiresAt],
        );
      });
    },
    async consumeInvite(spaceId, tokenHash, now, device, maxDevices = Number.POSITIVE_INFINITY) {
      return inTransaction(pool, async (client) => {
        // The space row first (as createInvite): joins into one space count devices in turn.
        await client.query('SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE', [spaceId]);
        // A concurrent UPDATE of the same row waits for ours, then re-checks used_at IS NULL
        // and finds it false: exactly one join wins.
        const used = await client.query(
          `UPDATE invites SET used_at = $1
           WHERE token_hash = $2 AND space_id = $3 AND used_at IS NULL AND expires_at > $1`,
          [now, tokenHash, spaceId],
        );
        if (used.rowCount !== 1) return false;
        const active = await client.query<{ count: string }>(
          'SELECT COUNT(*) AS count FROM devices WHERE space_id = $1 AND revoked_at IS NULL',
          [spaceId],
        );
        // Throwing rolls the use of the invite back: it still works once a device is removed.
        if (Number(active.rows[0]?.count) >= maxDevices) {
          throw new LimitReachedError('devices', maxDevices);
        }
        await insertDevice(client, spaceId, device);
        return true;
      });
    },
    async append(spaceId, deviceId, mutations, receivedAt, quota) {
      const { seqs, grewTo } = await appendInOneStatement(
        pool,
        spaceId,
        deviceId,
        mutations,
        receivedAt,
        quota,
      );
      // Committed (autocommit): announce it, with the other pushes of this tick.
      if (grewTo !== null) announcements.add(spaceId, grewTo);
      return seqs;
    },
    async usage(spaceId) {
      const { rows } = await pool.query<{ log_bytes: string; log_records: string }>(
        'SELECT log_bytes, log_records FROM spaces WHERE id = $1',
        [spaceId],
      );
      return { bytes: Number(rows[0]?.log_bytes ?? 0), records: Number(rows[0]?.log_records ?? 0) };
    },
    async pull(spaceId, options) {
      const { rows } = await pool.query<PullRow>({
        name: 'tandem_pull',
        text: PULL_SQL,
        values: [spaceId, options.after, options.limit, options.maxBytes],
      });
      const entries = rows.filter((row) => row.seq !== null).map(toLogEntry);
      return {
        entries,
        more: rows[0]?.more === true,
        head: rows[0]?.head == null ? 0 : Number(rows[0].head),
      };
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
      return rows.map((row) => seen.overlay(toDevice(row)));
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
        for (const sql of DELETE_REVOKED_DEVICE_ROWS) await client.query(sql, [spaceId, deviceId]);
        return true;
      });
    },
    async makeOwner(spaceId, deviceId) {
      const made = await pool.query(
        `UPDATE devices SET role = 'owner' WHERE id = $1 AND space_id = $2 AND revoked_at IS NULL`,
        [deviceId, spaceId],
      );
      return made.rowCount === 1;
    },
    async deleteSpace(spaceId) {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE', [spaceId]);
        for (const sql of DELETE_SPACE_ROWS) await client.query(sql, [spaceId]);
        const deleted = await client.query('DELETE FROM spaces WHERE id = $1', [spaceId]);
        return deleted.rowCount === 1;
      });
    },
    async compactLog(spaceId): Promise<CompactionResult> {
      const spaceIds =
        spaceId === undefined
          ? (await pool.query<{ id: string }>('SELECT id FROM spaces ORDER BY id')).rows.map(
              (row) => row.id,
            )
          : [spaceId];
      const result = { spaces: 0, removedEntries: 0, removedBytes: 0 };
      // One transaction per space, holding its counter row: appends to it wait, others go on.
      for (const id of spaceIds) {
        const removed = await inTransaction(pool, (client) => compactInTransaction(client, id));
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
      if (closed) return;
      closed = true;
      await announcements.flush();
      await seen.flush();
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
    await migrateForLimits(client);
    await client.query(POSTGRES_KEY_EXCHANGE_SCHEMA);
    await client.query(POSTGRES_EPOCH_KEYS_SCHEMA);
    await client.query(POSTGRES_PROGRAMMES_SCHEMA);
  });
}

/**
 * Brings a database made before quotas and roles up to date, in place and once (under the
 * schema lock): the log's size and entry count move onto the space row, and each space's first
 * device becomes its owner.
 */
async function migrateForLimits(client: pg.PoolClient): Promise<void> {
  const hasColumn = async (table: string, column: string) =>
    (
      await client.query(
        `SELECT 1 FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
        [table, column],
      )
    ).rowCount === 1;
  await client.query(LIMITS_SCHEMA);
  if (!(await hasColumn('spaces', 'log_bytes'))) {
    await client.query(`
      ALTER TABLE spaces ADD COLUMN log_bytes bigint NOT NULL DEFAULT 0;
      ALTER TABLE spaces ADD COLUMN log_records bigint NOT NULL DEFAULT 0;
      UPDATE spaces SET
        log_bytes = (SELECT COALESCE(SUM(size), 0) FROM log WHERE log.space_id = spaces.id),
        log_records = (SELECT COUNT(*) FROM log WHERE log.space_id = spaces.id);
    `);
  }
  if (!(await hasColumn('devices', 'role'))) {
    await client.query(`
      ALTER TABLE devices ADD COLUMN role text NOT NULL DEFAULT 'member'
        CHECK (role IN ('owner', 'member'));
      UPDATE devices SET role = 'owner' WHERE id IN (
        SELECT DISTINCT ON (space_id) id FROM devices ORDER BY space_id, created_at, id);
    `);
  }
}

async function compactInTransaction(
  client: pg.PoolClient,
  spaceId: string,
): Promise<{ count: number; bytes: number }> {
  await client.query('SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE', [spaceId]);
  await client.query(COMPACT_SQL, [spaceId]);
  const { rows } = await client.query<{ count: string; bytes: string }>(
    `SELECT COUNT(*) AS count, COALESCE(SUM(l.size), 0) AS bytes
     FROM log l JOIN compacted c ON c.space_id = l.space_id AND c.seq = l.seq
     WHERE l.space_id = $1`,
    [spaceId],
  );
  const removed = { count: Number(rows[0]?.count ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  if (removed.count === 0) return removed;
  await client.query(
    'DELETE FROM log WHERE space_id = $1 AND seq IN (SELECT seq FROM compacted WHERE space_id = $1)',
    [spaceId],
  );
  await client.query(
    'UPDATE spaces SET log_bytes = log_bytes - $1, log_records = log_records - $2 WHERE id = $3',
    [removed.bytes, removed.count, spaceId],
  );
  return removed;
}

/**
 * A whole push in ONE statement (one round trip, autocommit, no pool connection held between
 * round trips). The space row is locked FOR UPDATE first in effect (nothing is written before
 * `space` is read), so concurrent pushes to a space queue on it and get gapless seqs in commit
 * order; the checks (device active, a stored id with other content, the quota) decide whether
 * the INSERT and the counter UPDATE write anything at all, so a refused push stores nothing.
 * `stored` reads the statement's snapshot, taken before the lock wait: a retry of the same
 * mutation committed meanwhile by a twin request of the same device is missed there, and the
 * INSERT then meets the (device_id, mutation_id) key; the caller runs the statement again.
 */
const APPEND_SQL = `
WITH input AS (
  SELECT t.mutation_id, t.record_id, t.version, t.iv, t.ct, t.ord
  FROM unnest($4::bigint[], $5::text[], $6::int[], $7::text[], $8::text[])
    WITH ORDINALITY AS t(mutation_id, record_id, version, iv, ct, ord)
), stored AS (
  SELECT i.ord, l.seq,
    (l.record_id = i.record_id AND l.envelope_version = i.version AND l.iv = i.iv AND l.ct = i.ct)
      AS same
  FROM input i JOIN log l ON l.device_id = $2 AND l.mutation_id = i.mutation_id
  UNION ALL
  SELECT i.ord, c.seq,
    c.digest = encode(sha256(convert_to(
      i.record_id || E'\\n' || i.version || E'\\n' || i.iv || E'\\n' || i.ct, 'UTF8')), 'hex')
  FROM input i JOIN compacted c ON c.device_id = $2 AND c.mutation_id = i.mutation_id
), fresh AS (
  SELECT i.*, ROW_NUMBER() OVER (ORDER BY i.ord) AS n
  FROM input i WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.ord = i.ord)
), added AS (
  SELECT COUNT(*) AS records, COALESCE(SUM(length(ct)), 0) AS bytes FROM fresh
), space AS (
  SELECT s.last_seq, s.log_bytes, s.log_records FROM spaces s
  WHERE s.id = $1 AND EXISTS (
    SELECT 1 FROM devices d WHERE d.id = $2 AND d.space_id = $1 AND d.revoked_at IS NULL)
  FOR UPDATE
), verdict AS (
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM space) THEN 'revoked'
    WHEN EXISTS (SELECT 1 FROM stored WHERE NOT same) THEN 'conflict'
    WHEN a.records > 0 AND $9::bigint IS NOT NULL AND sp.log_records + a.records > $9 THEN 'records'
    WHEN a.records > 0 AND $10::bigint IS NOT NULL AND sp.log_bytes + a.bytes > $10 THEN 'bytes'
    ELSE 'ok' END AS status
  FROM added a LEFT JOIN space sp ON true
), inserted AS (
  INSERT INTO log (space_id, seq, record_id, device_id, mutation_id, envelope_version, iv, ct,
    size, received_at)
  SELECT $1, sp.last_seq + f.n, f.record_id, $2, f.mutation_id, f.version, f.iv, f.ct,
    length(f.ct), $3
  FROM fresh f, space sp, verdict v WHERE v.status = 'ok'
  RETURNING 1
), grown AS (
  UPDATE spaces SET last_seq = sp.last_seq + a.records, log_bytes = sp.log_bytes + a.bytes,
    log_records = sp.log_records + a.records
  FROM space sp, added a, verdict v
  WHERE spaces.id = $1 AND v.status = 'ok' AND a.records > 0
  RETURNING spaces.last_seq
)
SELECT v.status,
  (SELECT last_seq FROM space) AS base,
  (SELECT last_seq FROM grown) AS grew_to,
  (SELECT COUNT(*) FROM inserted) AS inserted,
  (SELECT i.mutation_id FROM stored s JOIN input i ON i.ord = s.ord WHERE NOT s.same
   ORDER BY s.ord LIMIT 1) AS conflict,
  (SELECT COALESCE(array_agg(s.ord ORDER BY s.ord), '{}') FROM stored s) AS stored_ords,
  (SELECT COALESCE(array_agg(s.seq ORDER BY s.ord), '{}') FROM stored s) AS stored_seqs
FROM verdict v
`;

interface AppendRow {
  status: 'ok' | 'revoked' | 'conflict' | 'records' | 'bytes';
  base: string | null;
  grew_to: string | null;
  conflict: string | null;
  stored_ords: string[];
  stored_seqs: string[];
}

const UNIQUE_VIOLATION = '23505';
/** A twin request's retry can only be missed once: the statement's next run sees it. */
const APPEND_ATTEMPTS = 3;

/**
 * Appends a push with APPEND_SQL and returns each mutation's seq, or throws the error the
 * SQLite adapter throws for the same push. A mutation id repeated inside the batch is a retry of
 * its first occurrence: checked here, and only first occurrences go to the database.
 */
async function appendInOneStatement(
  pool: pg.Pool,
  spaceId: string,
  deviceId: string,
  mutations: NewMutation[],
  receivedAt: Date,
  quota: SpaceQuota | undefined,
): Promise<{ seqs: number[]; grewTo: number | null }> {
  const firstIndex = new Map<number, number>();
  const unique: NewMutation[] = [];
  const uniqueIndexOf = mutations.map((mutation) => {
    const seen = firstIndex.get(mutation.mutationId);
    if (seen !== undefined) return seen;
    firstIndex.set(mutation.mutationId, unique.length);
    unique.push(mutation);
    return unique.length - 1;
  });
  // Repeats inside the batch must carry what their first occurrence carried (before anything
  // is written: a conflict stores nothing of the push).
  mutations.forEach((mutation, index) => {
    const first = unique[uniqueIndexOf[index] as number] as NewMutation;
    if (first !== mutation) {
      const { v, iv, ct } = first.envelope;
      assertSameVersion({ seq: 0, recordId: first.recordId, v, iv, ct }, mutation);
    }
  });
  const params = [
    spaceId,
    deviceId,
    receivedAt,
    unique.map((m) => m.mutationId),
    unique.map((m) => m.recordId),
    unique.map((m) => m.envelope.v),
    unique.map((m) => m.envelope.iv),
    unique.map((m) => m.envelope.ct),
    quota?.maxRecords ?? null,
    quota?.maxBytes ?? null,
  ];
  let row: AppendRow | undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      row = (
        await pool.query<AppendRow>({ name: 'tandem_append', text: APPEND_SQL, values: params })
      ).rows[0];
      break;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== UNIQUE_VIOLATION || attempt >= APPEND_ATTEMPTS) throw error;
    }
  }
  if (!row || row.status === 'revoked' || row.base === null) throw new RevokedDeviceError();
  if (row.status === 'conflict') throw new MutationConflictError(Number(row.conflict));
  if (row.status === 'records' || row.status === 'bytes') {
    const limit = row.status === 'records' ? quota?.maxRecords : quota?.maxBytes;
    throw new QuotaExceededError(row.status, limit ?? 0);
  }
  // Seqs as the SQLite adapter gives them: stored ids keep theirs, the rest follow the old last.
  const storedSeq = new Map(
    row.stored_ords.map((ord, index) => [Number(ord) - 1, Number(row.stored_seqs[index])]),
  );
  let last = Number(row.base);
  const uniqueSeqs: number[] = [];
  for (let index = 0; index < unique.length; index += 1) {
    const stored = storedSeq.get(index);
    if (stored === undefined) last += 1;
    uniqueSeqs.push(stored ?? last);
  }
  return {
    seqs: uniqueIndexOf.map((index) => uniqueSeqs[index] as number),
    grewTo: row.grew_to === null ? null : Number(row.grew_to),
  };
}

/**
 * NOTIFY after commit, coalesced: the spaces that grew are announced in one statement, each once
 * with its newest seq (every NOTIFY takes a database-wide lock at commit, so one per push would
 * serialise pushes on it). One such statement at a time: those that grow while it runs go in the
 * next, sent when it is done. Per turn of the event loop was not enough under load: pushes
 * finish one per turn as their answers arrive, so nearly every push paid a NOTIFY of its own.
 * A crash between a commit and its announcement costs open panels only a delay until their next
 * pull.
 */
function coalescedNotifications(pool: pg.Pool) {
  let pending = new Map<string, number>();
  let sending: Promise<void> | undefined;
  const send = async () => {
    while (pending.size > 0) {
      const batch = pending;
      pending = new Map();
      await pool
        .query('SELECT pg_notify($1, n) FROM unnest($2::text[]) AS n', [
          NOTIFY_CHANNEL,
          [...batch].map(([spaceId, seq]) => `${spaceId}:${seq}`),
        ])
        .catch(() => {
          // The database is away: the writes are committed; panels find them on their next pull.
        });
    }
    sending = undefined;
  };
  return {
    add(spaceId: string, seq: number) {
      pending.set(spaceId, Math.max(seq, pending.get(spaceId) ?? 0));
      // After the poll phase, so the pushes answered in this turn go in the first statement.
      sending ??= new Promise<void>((done) => setImmediate(done)).then(send);
    },
    async flush() {
      await (sending ?? send());
    },
  };
}

/**
 * Last-seen times for the devices list, written in batches: one UPDATE for every device seen in
 * the last second, instead of one write per request. Reads in this process see them at once.
 */
function batchedLastSeen(pool: pg.Pool) {
  const pending = new Map<string, Date>();
  let timer: NodeJS.Timeout | undefined;
  const write = async () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    await pool
      .query(
        `UPDATE devices d SET last_seen_at = s.at
         FROM unnest($1::text[], $2::timestamptz[]) AS s(id, at)
         WHERE d.id = s.id AND (d.last_seen_at IS NULL OR d.last_seen_at < s.at)`,
        [batch.map(([id]) => id), batch.map(([, at]) => at)],
      )
      .catch(() => {
        // Only a display time: lost if the database is away.
      });
  };
  return {
    add(deviceId: string, at: Date) {
      const known = pending.get(deviceId);
      if (!known || known < at) pending.set(deviceId, at);
      timer ??= setTimeout(write, SEEN_DELAY_MS).unref();
    },
    overlay(device: DeviceRecord): DeviceRecord {
      const at = pending.get(device.deviceId);
      if (at && (device.lastSeenAt === null || device.lastSeenAt < at)) device.lastSeenAt = at;
      return device;
    },
    flush: write,
  };
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
    role: row.role,
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
