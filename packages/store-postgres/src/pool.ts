import pg from 'pg';

/** How the store connects; see `PostgresStoreOptions` for the meaning of each field. */
export interface PoolOptions {
  url: string;
  schema: string;
  poolSize: number;
  connectionTimeoutMs: number;
  statementTimeoutMs: number | undefined;
  idleInTransactionTimeoutMs: number | undefined;
  onPoolError: (error: Error) => void;
}

/** BIGINT (int8) columns hold money, epoch ms and sequences: numbers, never beyond 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} is not a safe integer`);
  return value;
}

// Local to this store's pool: pg's global type registry is left alone, so other users of `pg`
// in the same process keep its defaults (int8 as string).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A schema name this package may put in `search_path` and DDL without quoting surprises. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool of at most `poolSize` connections whose `search_path` is `schema`, so every statement
 * of the store names its tables unqualified and one database can hold several stores.
 */
export function createPool(options: PoolOptions): pg.Pool {
  if (!SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema must match ${SCHEMA_NAME} (got ${JSON.stringify(options.schema)})`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    types,
    options: `-c search_path=${options.schema}`,
    application_name: 'commerce',
    ...(options.statementTimeoutMs === undefined
      ? {}
      : { statement_timeout: options.statementTimeoutMs }),
    ...(options.idleInTransactionTimeoutMs === undefined
      ? {}
      : { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs }),
  });
  // An idle connection can fail (server restart, network): the pool drops it and the next
  // query opens a new one. Without a listener the 'error' event would crash the process.
  pool.on('error', options.onPoolError);
  return pool;
}
