import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * The sidecar's part in letting a device into a pair (utils/sync/keys.ts): it keeps the joining
 * device's public key and the invite it used, then the pair secret sealed for that device by the
 * inviter — bytes it cannot open. One table beside the others, in both stores.
 */

export interface JoinRecord {
  deviceId: string;
  publicKey: string;
  /** SHA-256 (hex) of the invite token the device joined with. */
  inviteHash: string;
  granted: boolean;
}

export interface KeyGrant {
  /** JSON of the sealed secret {iv, ct}. */
  sealed: string;
  grantedBy: string;
}

export interface KeyExchangeStore {
  /** Notes the joining device's public key; once per device. */
  recordJoinKey(
    spaceId: string,
    deviceId: string,
    publicKey: string,
    inviteHash: string,
    at: Date,
  ): Promise<void>;
  /** The non-revoked devices of the space that joined with a key, and whether they got one. */
  listJoins(spaceId: string): Promise<JoinRecord[]>;
  /**
   * Stores the sealed secret for a joined device of this space: 'granted'; 'exists' when one is
   * there already (never replaced: a second grant could be a swap); 'unknown' for no such join.
   */
  grantKey(
    spaceId: string,
    deviceId: string,
    sealed: string,
    grantedBy: string,
    at: Date,
  ): Promise<'granted' | 'exists' | 'unknown'>;
  keyGrantOf(spaceId: string, deviceId: string): Promise<KeyGrant | undefined>;
}

export const SQLITE_KEY_EXCHANGE_SCHEMA = `
CREATE TABLE IF NOT EXISTS key_exchange (
  device_id TEXT PRIMARY KEY REFERENCES devices(id),
  space_id TEXT NOT NULL REFERENCES spaces(id),
  public_key TEXT NOT NULL,
  invite_hash TEXT NOT NULL,
  sealed TEXT,
  granted_by TEXT,
  created_at TEXT NOT NULL,
  granted_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS key_exchange_by_space ON key_exchange(space_id);
`;

export const POSTGRES_KEY_EXCHANGE_SCHEMA = `
CREATE TABLE IF NOT EXISTS key_exchange (
  device_id text PRIMARY KEY REFERENCES devices(id),
  space_id text NOT NULL REFERENCES spaces(id),
  public_key text NOT NULL,
  invite_hash text NOT NULL,
  sealed text,
  granted_by text,
  created_at timestamptz NOT NULL,
  granted_at timestamptz
);
CREATE INDEX IF NOT EXISTS key_exchange_by_space ON key_exchange(space_id);
`;

interface JoinRow {
  device_id: string;
  public_key: string;
  invite_hash: string;
  sealed: string | null;
}

const toJoin = (row: JoinRow): JoinRecord => ({
  deviceId: row.device_id,
  publicKey: row.public_key,
  inviteHash: row.invite_hash,
  granted: row.sealed !== null,
});

export function sqliteKeyExchange(db: Database.Database): KeyExchangeStore {
  db.exec(SQLITE_KEY_EXCHANGE_SCHEMA);
  const insert = db.prepare(
    `INSERT INTO key_exchange (device_id, space_id, public_key, invite_hash, created_at)
     SELECT @deviceId, @spaceId, @publicKey, @inviteHash, @at
     WHERE EXISTS (SELECT 1 FROM devices WHERE id = @deviceId AND space_id = @spaceId)
     ON CONFLICT (device_id) DO NOTHING`,
  );
  const list = db.prepare(
    `SELECT k.device_id, k.public_key, k.invite_hash, k.sealed FROM key_exchange k
     JOIN devices d ON d.id = k.device_id
     WHERE k.space_id = ? AND d.revoked_at IS NULL ORDER BY k.created_at, k.device_id`,
  );
  const grant = db.prepare(
    `UPDATE key_exchange SET sealed = @sealed, granted_by = @grantedBy, granted_at = @at
     WHERE device_id = @deviceId AND space_id = @spaceId AND sealed IS NULL
       AND EXISTS (SELECT 1 FROM devices WHERE id = @deviceId AND revoked_at IS NULL)`,
  );
  const find = db.prepare(
    'SELECT sealed, granted_by FROM key_exchange WHERE device_id = ? AND space_id = ?',
  );
  return {
    async recordJoinKey(spaceId, deviceId, publicKey, inviteHash, at) {
      insert.run({ spaceId, deviceId, publicKey, inviteHash, at: at.toISOString() });
    },
    async listJoins(spaceId) {
      return (list.all(spaceId) as JoinRow[]).map(toJoin);
    },
    async grantKey(spaceId, deviceId, sealed, grantedBy, at) {
      const done = grant.run({ spaceId, deviceId, sealed, grantedBy, at: at.toISOString() });
      if (done.changes === 1) return 'granted';
      const row = find.get(deviceId, spaceId) as { sealed: string | null } | undefined;
      return row?.sealed ? 'exists' : 'unknown';
    },
    async keyGrantOf(spaceId, deviceId) {
      const row = find.get(deviceId, spaceId) as
        | { sealed: string | null; granted_by: string | null }
        | undefined;
      return row?.sealed ? { sealed: row.sealed, grantedBy: row.granted_by ?? '' } : undefined;
    },
  };
}

/** The schema is made with the others (postgres.ts createSchema, under its lock). */
export function postgresKeyExchange(pool: pg.Pool): KeyExchangeStore {
  return {
    async recordJoinKey(spaceId, deviceId, publicKey, inviteHash, at) {
      await pool.query(
        `INSERT INTO key_exchange (device_id, space_id, public_key, invite_hash, created_at)
         SELECT $1, $2, $3, $4, $5
         WHERE EXISTS (SELECT 1 FROM devices WHERE id = $1 AND space_id = $2)
         ON CONFLICT (device_id) DO NOTHING`,
        [deviceId, spaceId, publicKey, inviteHash, at],
      );
    },
    async listJoins(spaceId) {
      const { rows } = await pool.query<JoinRow>(
        `SELECT k.device_id, k.public_key, k.invite_hash, k.sealed FROM key_exchange k
         JOIN devices d ON d.id = k.device_id
         WHERE k.space_id = $1 AND d.revoked_at IS NULL ORDER BY k.created_at, k.device_id`,
        [spaceId],
      );
      return rows.map(toJoin);
    },
    async grantKey(spaceId, deviceId, sealed, grantedBy, at) {
      const done = await pool.query(
        `UPDATE key_exchange SET sealed = $3, granted_by = $4, granted_at = $5
         WHERE device_id = $1 AND space_id = $2 AND sealed IS NULL
           AND EXISTS (SELECT 1 FROM devices WHERE id = $1 AND revoked_at IS NULL)`,
        [deviceId, spaceId, sealed, grantedBy, at],
      );
      if (done.rowCount === 1) return 'granted';
      const found = await pool.query<{ sealed: string | null }>(
        'SELECT sealed FROM key_exchange WHERE device_id = $1 AND space_id = $2',
        [deviceId, spaceId],
      );
      return found.rows[0]?.sealed ? 'exists' : 'unknown';
    },
    async keyGrantOf(spaceId, deviceId) {
      const { rows } = await pool.query<{ sealed: string | null; granted_by: string | null }>(
        'SELECT sealed, granted_by FROM key_exchange WHERE device_id = $1 AND space_id = $2',
        [deviceId, spaceId],
      );
      const row = rows[0];
      return row?.sealed ? { sealed: row.sealed, grantedBy: row.granted_by ?? '' } : undefined;
    },
  };
}
