import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { openPostgresStore } from '../src/store/postgres';
import { openSqliteStore, SQLITE_FILE_NAME } from '../src/store/sqlite';
import type { Store } from '../src/store/types';
import { hashToken, newSecretToken, newServerId } from '../src/tokens';
import { mutations, newDevice } from './helpers/fixtures';
import { freshDatabase } from './helpers/postgres';

/**
 * A database written before quotas and roles (no log_bytes, log_records or role columns) is
 * brought up to date when the new sidecar opens it: sizes counted, the creator made owner.
 */
async function fillAndForgetLimits(
  open: () => Promise<Store>,
  dropColumns: (sql: string) => Promise<void>,
) {
  const store = await open();
  const spaceId = newServerId();
  const creator = newDevice('Mentor laptop', new Date('2026-01-01T00:00:00Z'));
  await store.createSpace(spaceId, creator.device.createdAt, creator.device);
  const token = newSecretToken();
  await store.createInvite({
    spaceId,
    tokenHash: hashToken(token),
    createdBy: creator.device.deviceId,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2099-01-01T00:00:00Z'),
  });
  const mentee = newDevice('Mentee laptop', new Date('2026-01-02T00:00:00Z'));
  await store.consumeInvite(
    spaceId,
    hashToken(token),
    new Date('2026-01-02T00:00:00Z'),
    mentee.device,
  );
  await store.append(spaceId, creator.device.deviceId, mutations(1, 5), new Date());
  await store.close();
  for (const sql of [
    'ALTER TABLE spaces DROP COLUMN log_bytes',
    'ALTER TABLE spaces DROP COLUMN log_records',
    'ALTER TABLE devices DROP COLUMN role',
  ]) {
    await dropColumns(sql);
  }

  const reopened = await open();
  try {
    expect((await reopened.listDevices(spaceId)).map((device) => device.role)).toEqual([
      'owner',
      'member',
    ]);
    expect(await reopened.usage(spaceId)).toEqual({ bytes: 5 * 64, records: 5 });
    expect(
      await reopened.append(spaceId, creator.device.deviceId, mutations(6, 1), new Date(), {
        maxBytes: 1e6,
        maxRecords: 6,
      }),
    ).toEqual([6]);
  } finally {
    await reopened.close();
  }
}

describe('opening a database made before quotas and roles', () => {
  test('SQLite counts the log and makes each space’s first device its owner', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-migrate-'));
    try {
      await fillAndForgetLimits(
        async () => openSqliteStore(dataDir),
        async (sql) => {
          const db = new Database(join(dataDir, SQLITE_FILE_NAME));
          db.exec(sql);
          db.close();
        },
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL counts the log and makes each space’s first device its owner', async () => {
    const url = await freshDatabase('migrate');
    await fillAndForgetLimits(
      () => openPostgresStore(url),
      async (sql) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(sql);
        await client.end();
      },
    );
  });
});

/**
 * A database written before key epochs (no device_keys or epoch_keys tables) gets them when the
 * new sidecar opens it, and what it held before is still there.
 */
async function fillAndForgetEpochKeys(
  open: () => Promise<Store>,
  dropTables: (sql: string) => Promise<void>,
) {
  const store = await open();
  const spaceId = newServerId();
  const creator = newDevice('Mentor laptop', new Date('2026-01-01T00:00:00Z'));
  await store.createSpace(spaceId, creator.device.createdAt, creator.device);
  await store.append(spaceId, creator.device.deviceId, mutations(1, 2), new Date());
  await store.close();
  await dropTables('DROP TABLE epoch_keys; DROP TABLE device_keys');

  const reopened = await open();
  try {
    const { deviceId } = creator.device;
    expect(await reopened.listDeviceKeys(spaceId)).toEqual([]);
    expect(
      await reopened.setDeviceKey(
        spaceId,
        deviceId,
        `B${'k'.repeat(86)}`,
        'p'.repeat(43),
        new Date(),
      ),
    ).toBe('stored');
    expect(
      await reopened.grantEpoch(spaceId, 1, [{ deviceId, sealed: '{}' }], deviceId, new Date()),
    ).toBe('granted');
    expect(await reopened.epochGrantsFor(spaceId, deviceId, 0)).toEqual([
      { epoch: 1, sealed: '{}', grantedBy: deviceId },
    ]);
    expect(await reopened.lastSeq(spaceId)).toBe(2);
  } finally {
    await reopened.close();
  }
}

describe('opening a database made before key epochs', () => {
  test('SQLite makes the device_keys and epoch_keys tables', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-migrate-'));
    try {
      await fillAndForgetEpochKeys(
        async () => openSqliteStore(dataDir),
        async (sql) => {
          const db = new Database(join(dataDir, SQLITE_FILE_NAME));
          db.exec(sql);
          db.close();
        },
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL makes the device_keys and epoch_keys tables', async () => {
    const url = await freshDatabase('migrate_epochs');
    await fillAndForgetEpochKeys(
      () => openPostgresStore(url),
      async (sql) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(sql);
        await client.end();
      },
    );
  });
});
