import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A new, empty database on the run's PostgreSQL, so each test file starts from nothing.
 * Throws (failing the test, never skipping it) when PostgreSQL is missing.
 */
export async function freshDatabase(label: string): Promise<string> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error(inject('postgresError') || 'No PostgreSQL for the tests.');
  const name = `tandem_test_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
