import type pg from 'pg';

/**
 * Runs `work` in one transaction on a client of the pool: committed when it returns, rolled back
 * when it throws (the error is thrown on). Shared by postgres.ts and the tables beside it.
 */
export async function inTransaction<T>(
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
