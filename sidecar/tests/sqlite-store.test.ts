import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite';
import { describeGroupCommitContract } from './group-commit-contract';
import { describeProgrammeStoreContract } from './programme-store-contract';
import { describeStoreContract } from './store-contract';
import { describeStoreLimitsContract } from './store-limits-contract';

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-sqlite-store-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeStoreContract('SQLite', async () => openSqliteStore(dataDir));
describeStoreLimitsContract('SQLite', async () => openSqliteStore(dataDir));
describeProgrammeStoreContract('SQLite', async () => openSqliteStore(dataDir));
describeGroupCommitContract('SQLite', async () => openSqliteStore(dataDir));
