import type pg from 'pg';

/**
 * Runs `work` on one pooled client between `begin` (default `BEGIN`, possibly followed by more
 * parameterless statements, sent in one round trip) and `COMMIT`. If `work` or the commit throws,
 * the transaction is rolled back and the error rethrown; a client whose connection broke is
 * destroyed instead of going back to the pool in an unknown state.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client has no error listener of the pool's: if the server ends the session
  // while `work` awaits something else (restart, pg_terminate_backend), the 'error' event would
  // otherwise crash the process. The next statement on the client fails, and so does the work.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    }
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
