import type Database from 'better-sqlite3';
import type pg from 'pg';
import { assertWithinQuota } from './guards';
import { inTransaction } from './pg-transaction';
import { RevokedDeviceError, type SpaceQuota, type SpaceUsage } from './types';

/**
 * The sidecar's part in key epochs (utils/sync/epochs.ts): each device's long-term public key
 * with the proof made for it, and each epoch's secret sealed per device — strings it can neither
 * check nor open. A device key is set once; a grant is stored once and never replaced. A revoked
 * device's rows go with its revocation, a space's with the space. Two tables beside the others,
 * in both stores.
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

export interface NewEpochGrant {
  deviceId: string;
  /** JSON of the sealed secret {iv, ct}. */
  sealed: string;
}

/** The most grants one read returns (GET …/epoch-keys). */
export const MAX_GRANTS_READ = 1000;

export interface EpochKeyStore {
  /**
   * Sets a present device's own public key and proof, once: 'stored' (also for the very same
   * again), 'conflict' when it has another one (which stays). Throws RevokedDeviceError when the
   * device is revoked or not of this space.
   */
  setDeviceKey(
    spaceId: string,
    deviceId: string,
    publicKey: string,
    proof: string,
    at: Date,
  ): Promise<'stored' | 'conflict'>;
  /** The keys of the space's devices that are not revoked, by device id (code-unit order). */
  listDeviceKeys(spaceId: string): Promise<DeviceKeyRecord[]>;
  /**
   * Stores an epoch's sealed secrets in one transaction, all or none: 'unknown' when a device is
   * not a present device of the space, 'conflict' when an (epoch, device) has a grant already
   * (or appears twice). The space's grants are held to `quota` (QuotaExceededError, nothing
   * stored). Throws RevokedDeviceError when the granter is revoked or not of this space.
   */
  grantEpoch(
    spaceId: string,
    epoch: number,
    grants: NewEpochGrant[],
    grantedBy: string,
    at: Date,
    quota?: SpaceQuota,
  ): Promise<'granted' | 'conflict' | 'unknown'>;
  /** Grants sealed for the device, epochs above `after`, oldest first (MAX_GRANTS_READ at most). */
  epochGrantsFor(spaceId: string, deviceId: string, after: number): Promise<EpochGrant[]>;
}

export const SQLITE_EPOCH_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS device_keys (
  space_id TEXT NOT NULL REFERENCES spaces(id),
  device_id TEXT NOT NULL REFERENCES devices(id),
  public_key TEXT NOT NULL,
  proof TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (space_id, device_id)
) STRICT;
CREATE TABLE IF NOT EXISTS epoch_keys (
  space_id TEXT NOT NULL REFERENCES spaces(id),
  epoch INTEGER NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id),
  sealed TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (space_id, epoch, device_id)
) STRICT;
CREATE INDEX IF NOT EXISTS epoch_keys_by_device ON epoch_keys(space_id, device_id, epoch);
`;

export const POSTGRES_EPOCH_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS device_keys (
  space_id text NOT NULL REFERENCES spaces(id),
  device_id text NOT NULL REFERENCES devices(id),
  public_key text NOT NULL,
  proof text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (space_id, device_id)
);
CREATE TABLE IF NOT EXISTS epoch_keys (
  space_id text NOT NULL REFERENCES spaces(id),
  epoch integer NOT NULL,
  device_id text NOT NULL REFERENCES devices(id),
  sealed text NOT NULL,
  granted_by text NOT NULL,
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (space_id, epoch, device_id)
);
CREATE INDEX IF NOT EXISTS epoch_keys_by_device ON epoch_keys(space_id, device_id, epoch);
`;

/**
 * The tables, each with space_id and device_id: the stores delete a space's rows of them before
 * its devices (DELETE_SPACE_ROWS), and a device's rows when it is revoked (revokeDevice).
 */
export const EPOCH_KEYS_TABLES = ['epoch_keys', 'device_keys'] as const;

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
const addedBy = (grants: NewEpochGrant[]): SpaceUsage => ({
  records: grants.length,
  bytes: grants.reduce((sum, grant) => sum + grant.sealed.length, 0),
});
const hasRepeats = (grants: NewEpochGrant[]) =>
  new Set(grants.map((grant) => grant.deviceId)).size !== grants.length;

export function sqliteEpochKeys(db: Database.Database): EpochKeyStore {
  db.exec(SQLITE_EPOCH_KEYS_SCHEMA);
  const present = db.prepare(
    'SELECT 1 FROM devices WHERE id = ? AND space_id = ? AND revoked_at IS NULL',
  );
  const findKey = db.prepare(
    'SELECT public_key, proof FROM device_keys WHERE space_id = ? AND device_id = ?',
  );
  const insertKey = db.prepare(
    `INSERT INTO device_keys (space_id, device_id, public_key, proof, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const listKeys = db.prepare(
    `SELECT k.device_id, k.public_key, k.proof FROM device_keys k
     JOIN devices d ON d.id = k.device_id AND d.space_id = k.space_id
     WHERE k.space_id = ? AND d.revoked_at IS NULL ORDER BY k.device_id`,
  );
  const grantExists = db.prepare(
    'SELECT 1 FROM epoch_keys WHERE space_id = ? AND epoch = ? AND device_id = ?',
  );
  const grantUsage = db.prepare(
    `SELECT COUNT(*) AS records, COALESCE(SUM(LENGTH(sealed)), 0) AS bytes
     FROM epoch_keys WHERE space_id = ?`,
  );
  const insertGrant = db.prepare(
    `INSERT INTO epoch_keys (space_id, epoch, device_id, sealed, granted_by, granted_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const grantsFor = db.prepare(
    `SELECT epoch, sealed, granted_by FROM epoch_keys
     WHERE space_id = ? AND device_id = ? AND epoch > ? ORDER BY epoch LIMIT ${MAX_GRANTS_READ}`,
  );

  const setKey = db.transaction(
    (
      spaceId: string,
      deviceId: string,
      publicKey: string,
      proof: string,
      at: string,
    ): 'stored' | 'conflict' => {
      if (!present.get(deviceId, spaceId)) throw new RevokedDeviceError();
      const known = findKey.get(spaceId, deviceId) as Omit<KeyRow, 'device_id'> | undefined;
      if (known) {
        return known.public_key === publicKey && known.proof === proof ? 'stored' : 'conflict';
      }
      insertKey.run(spaceId, deviceId, publicKey, proof, at);
      return 'stored';
    },
  );

  const grant = db.transaction(
    (
      spaceId: string,
      epoch: number,
      grants: NewEpochGrant[],
      grantedBy: string,
      at: string,
      quota: SpaceQuota | undefined,
    ): 'granted' | 'conflict' | 'unknown' => {
      if (!present.get(grantedBy, spaceId)) throw new RevokedDeviceError();
      if (grants.some(({ deviceId }) => !present.get(deviceId, spaceId))) return 'unknown';
      if (
        hasRepeats(grants) ||
        grants.some(({ deviceId }) => grantExists.get(spaceId, epoch, deviceId))
      ) {
        return 'conflict';
      }
      assertWithinQuota(
        grantUsage.get(spaceId) as SpaceUsage,
        addedBy(grants),
        quota,
        'epoch keys',
      );
      for (const { deviceId, sealed } of grants) {
        insertGrant.run(spaceId, epoch, deviceId, sealed, grantedBy, at);
      }
      return 'granted';
    },
  );

  return {
    async setDeviceKey(spaceId, deviceId, publicKey, proof, at) {
      return setKey.immediate(spaceId, deviceId, publicKey, proof, at.toISOString());
    },
    async listDeviceKeys(spaceId) {
      return (listKeys.all(spaceId) as KeyRow[]).map(toKey);
    },
    async grantEpoch(spaceId, epoch, grants, grantedBy, at, quota) {
      return grant.immediate(spaceId, epoch, grants, grantedBy, at.toISOString(), quota);
    },
    async epochGrantsFor(spaceId, deviceId, after) {
      return (grantsFor.all(spaceId, deviceId, after) as GrantRow[]).map(toGrant);
    },
  };
}

/** Thrown inside a grant's transaction to roll back the rows it inserted. */
class GrantConflict extends Error {}

/**
 * The schema is made with the others (postgres.ts createSchema, under its lock). Writers take
 * the space row first, as the other writers of a space do: a grant then counts the space's
 * grants alone, and neither write can slip in between a space's deletion of rows and of devices.
 */
export function postgresEpochKeys(pool: pg.Pool): EpochKeyStore {
  /** Those of `deviceIds` that are present devices of the space, locked against revocation. */
  const presentOf = async (client: pg.PoolClient, spaceId: string, deviceIds: string[]) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM devices WHERE space_id = $1 AND id = ANY($2::text[]) AND revoked_at IS NULL
       FOR SHARE`,
      [spaceId, deviceIds],
    );
    return new Set(rows.map((row) => row.id));
  };

  return {
    async setDeviceKey(spaceId, deviceId, publicKey, proof, at) {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT 1 FROM spaces WHERE id = $1 FOR SHARE', [spaceId]);
        if (!(await presentOf(client, spaceId, [deviceId])).has(deviceId)) {
          throw new RevokedDeviceError();
        }
        await client.query(
          `INSERT INTO device_keys (space_id, device_id, public_key, proof, created_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [spaceId, deviceId, publicKey, proof, at],
        );
        const { rows } = await client.query<Omit<KeyRow, 'device_id'>>(
          'SELECT public_key, proof FROM device_keys WHERE space_id = $1 AND device_id = $2',
          [spaceId, deviceId],
        );
        const known = rows[0];
        return known?.public_key === publicKey && known.proof === proof ? 'stored' : 'conflict';
      });
    },
    async listDeviceKeys(spaceId) {
      // COLLATE "C": the same code-unit order as SQLite, whatever the database's locale.
      const { rows } = await pool.query<KeyRow>(
        `SELECT k.device_id, k.public_key, k.proof FROM device_keys k
         JOIN devices d ON d.id = k.device_id AND d.space_id = k.space_id
         WHERE k.space_id = $1 AND d.revoked_at IS NULL ORDER BY k.device_id COLLATE "C"`,
        [spaceId],
      );
      return rows.map(toKey);
    },
    async grantEpoch(spaceId, epoch, grants, grantedBy, at, quota) {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE', [spaceId]);
        const targets = grants.map((g) => g.deviceId);
        const present = await presentOf(client, spaceId, [grantedBy, ...targets]);
        if (!present.has(grantedBy)) throw new RevokedDeviceError();
        if (targets.some((deviceId) => !present.has(deviceId))) return 'unknown' as const;
        if (hasRepeats(grants)) return 'conflict' as const;
        const usage = await client.query<{ records: string; bytes: string }>(
          `SELECT COUNT(*) AS records, COALESCE(SUM(LENGTH(sealed)), 0) AS bytes
           FROM epoch_keys WHERE space_id = $1`,
          [spaceId],
        );
        assertWithinQuota(
          { records: Number(usage.rows[0]?.records), bytes: Number(usage.rows[0]?.bytes) },
          addedBy(grants),
          quota,
          'epoch keys',
        );
        const inserted = await client.query(
          `INSERT INTO epoch_keys (space_id, epoch, device_id, sealed, granted_by, granted_at)
           SELECT $1, $2, t.device_id, t.sealed, $3, $4
           FROM unnest($5::text[], $6::text[]) AS t(device_id, sealed)
           ON CONFLICT DO NOTHING`,
          [spaceId, epoch, grantedBy, at, targets, grants.map((g) => g.sealed)],
        );
        // One given already: throwing rolls back the rows this request did insert.
        if (inserted.rowCount !== grants.length) throw new GrantConflict();
        return 'granted' as const;
      }).catch((error: unknown) => {
        if (error instanceof GrantConflict) return 'conflict' as const;
        throw error;
      });
    },
    async epochGrantsFor(spaceId, deviceId, after) {
      const { rows } = await pool.query<GrantRow>(
        `SELECT epoch, sealed, granted_by FROM epoch_keys
         WHERE space_id = $1 AND device_id = $2 AND epoch > $3
         ORDER BY epoch LIMIT ${MAX_GRANTS_READ}`,
        [spaceId, deviceId, after],
      );
      return rows.map(toGrant);
    },
  };
}
