import type { Store } from '@commerce/core';
import { migrate } from './migrations.js';
import { outsideTransaction } from './outside-transaction.js';
import { createPool } from './pool.js';
import { createRepositories } from './repositories.js';
import { createTransactions } from './transactions.js';

export interface PostgresStoreOptions {
  /** A libpq connection URL, e.g. `postgres://user:pass@db:5432/commerce`. */
  url: string;
  /**
   * The schema holding the store's tables (created at open if missing). Lowercase letters,
   * digits and `_`. Default `public`. Instances sharing data must use the same one.
   */
  schema?: string;
  /**
   * Connections this instance may open (default 10). Transactions use at most one of them at a
   * time; the rest serve reads and single-statement writes. Keep instances × poolSize under the
   * server's `max_connections` (or put a pooler in front).
   */
  poolSize?: number;
  /** How long to wait for a free pooled connection or a new one, in ms. Default 5000. */
  connectionTimeoutMs?: number;
  /** Server-side `statement_timeout` of every connection, in ms. Default: the server's. */
  statementTimeoutMs?: number;
  /**
   * Server-side `idle_in_transaction_session_timeout`, in ms: ends a session whose transaction
   * waits on the application longer than this (a hung instance would otherwise hold up every
   * writer, since transactions are serialized). Default: the server's.
   */
  idleInTransactionTimeoutMs?: number;
  /** Told about errors of idle pooled connections (the pool replaces them). Default: ignored. */
  onPoolError?: (error: Error) => void;
}

/**
 * Opens the PostgreSQL store: creates the pool, then applies pending migrations (safe when
 * several instances open at once). Any number of instances may share one database and schema;
 * `transaction` is serialized across all of them, reads see committed data only.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  const pool = createPool({
    url: options.url,
    schema,
    poolSize: options.poolSize ?? 10,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
    statementTimeoutMs: options.statementTimeoutMs,
    idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs,
    onPoolError: options.onPoolError ?? (() => undefined),
  });
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const transactions = createTransactions(pool);
  return {
    ...outsideTransaction(createRepositories(pool), transactions.run),
    transaction: transactions.run,
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => transactions.close(() => pool.end()),
  };
}
