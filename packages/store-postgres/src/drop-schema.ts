import pg from 'pg';

/**
 * Drops `schema` (a `DATABASE_SCHEMA`, say) with everything in it, on a short-lived connection
 * of its own; nothing happens if it does not exist. For tearing down a test or benchmark
 * deployment.
 */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
