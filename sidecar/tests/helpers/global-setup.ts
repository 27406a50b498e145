import type { TestProject } from 'vitest/node';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the PostgreSQL server the tests may create databases on. */
    postgresUrl: string;
    /** Why there is no PostgreSQL: the PostgreSQL tests fail with this message. */
    postgresError: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL if given, else a throwaway cluster. A missing
 * PostgreSQL is not fatal here (the SQLite tests still run); each PostgreSQL test fails with
 * the reason instead of being skipped.
 */
export default async function setup(project: TestProject) {
  let cluster: PostgresCluster | undefined;
  if (process.env.DATABASE_URL) {
    project.provide('postgresUrl', process.env.DATABASE_URL);
    project.provide('postgresError', '');
  } else {
    try {
      cluster = await startPostgresCluster();
      project.provide('postgresUrl', cluster.url);
      project.provide('postgresError', '');
    } catch (error) {
      project.provide('postgresUrl', '');
      project.provide('postgresError', error instanceof Error ? error.message : String(error));
    }
  }
  return async () => {
    await cluster?.stop();
  };
}
