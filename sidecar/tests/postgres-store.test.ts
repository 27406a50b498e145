import { openPostgresStore } from '../src/store/postgres';
import { describeGroupCommitContract } from './group-commit-contract';
import { freshDatabase } from './helpers/postgres';
import { describeProgrammeStoreContract } from './programme-store-contract';
import { describeStoreContract } from './store-contract';
import { describeStoreLimitsContract } from './store-limits-contract';

// Created on first use rather than in beforeAll: without PostgreSQL every test then fails with
// the reason (a failing beforeAll would only mark them skipped).
let database: Promise<string> | undefined;

describeStoreContract('PostgreSQL', async () => {
  database ??= freshDatabase('store');
  return openPostgresStore(await database);
});
describeStoreLimitsContract('PostgreSQL', async () => {
  database ??= freshDatabase('store');
  return openPostgresStore(await database);
});
describeProgrammeStoreContract('PostgreSQL', async () => {
  database ??= freshDatabase('store');
  return openPostgresStore(await database);
});
describeGroupCommitContract('PostgreSQL', async () => {
  database ??= freshDatabase('store');
  return openPostgresStore(await database);
});
