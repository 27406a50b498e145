import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * The sidecar's part in key epochs (utils/sync/epochs.ts): each device's long-term public key
 * with the proof a member made for it, and each epoch's secret sealed per device — strings it
 * cannot check or open. A device key is set once; a grant is stored once and never replaced.
 * One pair of tables beside the others, in both stores.
 */

export interface DeviceKeyRecord {
  deviceId: string;
  publicKey: string;
  proof: string;
}

export interface EpochGrant {
  epoch: number;
  /** JSON of the sealed secret {iv, ct}. */
  sealed: string;
  grantedBy: string;
}

export interface EpochKeyStore {
  /**
   * Sets a device's public key and proof: 'stored' (or the same again), 'conflict' when it has
   * another one, 'unknown' when the device is not a present device of the space.
   */
  setDeviceKey(
    spaceId: string,
    deviceId: string,
    publicKey: string,
    proof: string,
    at: Date,
  ): Promise<'stored' | 'conflict' | 'unknown'>;
  /** The keys of the space's devices that are not revoked, by device id. */
  listDeviceKeys(spaceId: string): Promise<DeviceKeyRecord[]>;
  /**
   * Stores an epoch's sealed secrets, all or none: 'unknown' when a device is not a present
   * device of the space, 'conflict' when one (epoch, device) has a grant already.
   */
  grantEpoch(
    spaceId: string,
    epoch: number,
    grants: { deviceId: string; sealed: string }[],
    grantedBy: string,
    at: Date,
  ): Promise<'granted' | 'conflict' | 'unknown'>;
  /** Grants sealed for the device, epochs above `after`, oldest first (at most 1000). */
  epochGrantsFor(spaceId: string, deviceId: string, after: number): Promise<EpochGrant[]>;
}

export const SQLITE_EPOCH_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS device_keys (
  device_id TEXT PRIMARY KEY REFERENCES devices(id),
  space_id TEXT NOT NULL REFERENCES spaces(id),
  public_key TEXT NOT NULL,
  proof TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS device_keys_by_space ON device_keys(space_id);
CREATE TABLE IF NOT EXISTS epoch_keys (
  space_id TEXT NOT NULL REFERENCES spaces(id),
  epoch INTEGER NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id),
  sealed TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (space_id, epoch, device_id)
) STRICT;
CREATE INDEX IF NOT EXISTS epoch_keys_by_device ON epoch_keys(device_id, epoch);
`;

export const POSTGRES_EPOCH_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS device_keys (
  device_id text PRIMARY KEY REFERENCES devices(id),
  space_id text NOT NULL REFERENCES spaces(id),
  public_key text NOT NULL,
  proof text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS device_keys_by_space ON device_keys(space_id);
CREATE TABLE IF NOT EXISTS epoch_keys (
  space_id text NOT NULL REFERENCES spaces(id),
  epoch integer NOT NULL,
  device_id text NOT NULL REFERENCES devices(id),
  sealed text NOT NULL,
  granted_by text NOT NULL,
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (space_id, epoch, device_id)
);
CREATE INDEX IF NOT EXISTS epoch_keys_by_device ON epoch_keys(device_id, epoch);
`;

/** Children of a space, deleted with it before `devices` (the stores' DELETE_SPACE_ROWS). */
export const EPOCH_KEYS_TABLES = ['epoch_keys', 'device_keys'] as const;

const PRESENT_DEVICE_SQLITE =
  'SELECT 1 FROM devices WHERE id = ? AND space_id = ? AND revoked_at IS NULL';

interface KeyRow {
  device_id: string;
  public_key: string;
  proof: string;
}
interface GrantRow {
  epoch: number;
  sealed: string;
  granted_by: string;
}
const toKey = (row: KeyRow): DeviceKeyRecord => ({
  deviceId: row.device_id,
  publicKey: row.public_key,
  proof: row.proof,
});
const toGrant = (row: GrantRow): EpochGrant => ({
  epoch: Number(row.epoch),
  sealed: row.sealed,
  grantedBy: row.granted_by,
});

export function sqliteEpochKeys(db: Database.Database): EpochKeyStore {
  db.exec(SQLITE_EPOCH_KEYS_SCHEMA);
  const present = db.prepare(PRESENT_DEVICE_SQLITE);
  const findKey = db.prepare('SELECT public_key, proof FROM device_keys WHERE device_id = ?');
  const insertKey = db.prepare(
    `INSERT INTO device_keys (device_id, space_id, public_key, proof, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const listKeys = db.prepare(
    `SELECT k.device_id, k.public_key, k.proof FROM device_keys k
     JOIN devices d ON d.id = k.device_id
     WHERE k.space_id = ? AND d.revoked_at IS NULL ORDER BY k.device_id`,
  );
  const grantExists = db.prepare(
    'SELECT 1 FROM epoch_keys WHERE space_id = ? AND epoch = ? AND device_id = ?',
  );
  const insertGrant = db.prepare(
    `INSERT INTO epoch_keys (space_id, epoch, device_id, sealed, granted_by, granted_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const grantsFor = db.prepare(
    `SELECT epoch, sealed, granted_by FROM epoch_keys
     WHERE space_id = ? AND device_id = ? AND epoch > ? ORDER BY epoch LIMIT 1000`,
  );
  const setKey = db.transaction(
    (spaceId: string, deviceId: string, publicKey: string, proof: string, at: string) => {
      if (!present.get(deviceId, spaceId)) return 'unknown' as const;
      const known = findKey.get(deviceId) as { public_key: string; proof: string } | undefined;
      if (known) {
        return known.public_key === publicKey && known.proof === proof
          ? ('stored' as const)
          : ('conflict' as const);
      }
      insertKey.run(deviceId, spaceId, publicKey, proof, at);
      return 'stored' as const;
    },
  );
  const grant = db.transaction(
    (
      spaceId: string,
      epoch: number,
      grants: { deviceId: string; sealed: string }[],
      grantedBy: string,
      at: string,
    ) => {
      for (const { deviceId } of grants) {
        if (!present.get(deviceId, spaceId)) return 'unknown' as const;
      }
      for (const { deviceId } of grants) {
        if (grantExists.get(spaceId, epoch, deviceId)) return 'conflict' as const;
      }
      for (const { deviceId, sealed } of grants) {
        insertGrant.run(spaceId, epoch, deviceId, sealed, grantedBy, at);
      }
      return 'granted' as const;
    },
  );
  return {
    async setDeviceKey(spaceId, deviceId, publicKey, proof, at) {
      return setKey.immediate(spaceId, deviceId, publicKey, proof, at.toISOString());
    },
    async listDeviceKeys(spaceId) {
      return (listKeys.all(spaceId) as KeyRow[]).map(toKey);
    },
    async grantEpoch(spaceId, epoch, grants, grantedBy, at) {
      // The same device twice in one request would be a conflict with itself.
      if (new Set(grants.map((g) => g.deviceId)).size !== grants.length) return 'conflict';
      return grant.immediate(spaceId, epoch, grants, grantedBy, at.toISOString());
    },
    async epochGrantsFor(spaceId, deviceId, after) {
      return (grantsFor.all(spaceId, deviceId, after) as GrantRow[]).map(toGrant);
    },
  };
}

/** The schema is made with the others (postgres.ts createSchema, under its lock). */
export function postgresEpochKeys(pool: pg.Pool): EpochKeyStore {
  const inTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const isPresent = async (client: pg.PoolClient, spaceId: string, deviceId: string) =>
    (
      await client.query(
        'SELECT 1 FROM devices WHERE id = $1 AND space_id = $2 AND revoked_at IS NULL FOR SHARE',
        [deviceId, spaceId],
      )
    ).rowCount === 1;
  return {
    async setDeviceKey(spaceId, deviceId, publicKey, proof, at) {
      return inTransaction(async (client) => {
        if (!(await isPresent(client, spaceId, deviceId))) return 'unknown';
        await client.query(
          `INSERT INTO device_keys (device_id, space_id, public_key, proof, created_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (device_id) DO NOTHING`,
          [deviceId, spaceId, publicKey, proof, at],
        );
        const { rows } = await client.query<{ public_key: string; proof: string }>(
          'SELECT public_key, proof FROM device_keys WHERE device_id = $1',
          [deviceId],
        );
        const known = rows[0];
        return known?.public_key === publicKey && known.proof === proof ? 'stored' : 'conflict';
      });
    },
    async listDeviceKeys(spaceId) {
      const { rows } = await pool.query<KeyRow>(
        `SELECT k.device_id, k.public_key, k.proof FROM device_keys k
         JOIN devices d ON d.id = k.device_id
         WHERE k.space_id = $1 AND d.revoked_at IS NULL ORDER BY k.device_id`,
        [spaceId],
      );
      return rows.map(toKey);
    },
    async grantEpoch(spaceId, epoch, grants, grantedBy, at) {
      if (new Set(grants.map((g) => g.deviceId)).size !== grants.length) return 'conflict';
      return inTransaction(async (client) => {
        for (const { deviceId } of grants) {
          if (!(await isPresent(client, spaceId, deviceId))) return 'unknown';
        }
        for (const { deviceId, sealed } of grants) {
          const inserted = await client.query(
            `INSERT INTO epoch_keys (space_id, epoch, device_id, sealed, granted_by, granted_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [spaceId, epoch, deviceId, sealed, grantedBy, at],
          );
          // Nothing is kept of this request: the rollback undoes the rows inserted before.
          if (inserted.rowCount !== 1) throw new GrantConflict();
        }
        return 'granted' as const;
      }).catch((error: unknown) => {
        if (error instanceof GrantConflict) return 'conflict' as const;
        throw error;
      });
    },
    async epochGrantsFor(spaceId, deviceId, after) {
      const { rows } = await pool.query<GrantRow>(
        `SELECT epoch, sealed, granted_by FROM epoch_keys
         WHERE space_id = $1 AND device_id = $2 AND epoch > $3 ORDER BY epoch LIMIT 1000`,
        [spaceId, deviceId, after],
      );
      return rows.map(toGrant);
    },
  };
}

class GrantConflict extends Error {}
