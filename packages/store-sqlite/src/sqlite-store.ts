import type { Repositories, Store } from '@commerce/core';
import { openConnection } from './connection.js';
import { migrate } from './migrations.js';
import { outsideTransaction } from './outside-transaction.js';
import { createRepositories } from './repositories.js';
import { createWriteTransactions } from './write-transactions.js';

export interface SqliteStoreOptions {
  /** The database file; created (with its directory) if missing. Not `:memory:`. */
  path: string;
  /** How long to wait for another process's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (and migrates) the SQLite store at `options.path`. Writes and transactions are
 * serialized on one write connection; reads outside a transaction use a second connection that
 * sees only committed data. Several processes may open the same file.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  if (options.path === '' || options.path === ':memory:' || options.path.startsWith('file:')) {
    throw new Error(
      'openSqliteStore needs a file path: its two connections must share one database',
    );
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const writer = openConnection(options.path, { busyTimeoutMs });
  try {
    migrate(writer);
  } catch (error) {
    writer.close();
    throw error;
  }
  const reader = openConnection(options.path, { busyTimeoutMs, queryOnly: true });

  const writes = createWriteTransactions(writer);
  const txRepositories = createRepositories(writer);
  const transaction = <T>(work: (tx: Repositories) => Promise<T>): Promise<T> =>
    writes.run(() => work(txRepositories));

  return {
    ...outsideTransaction(createRepositories(reader), transaction),
    transaction,
    async ping() {
      reader.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
    },
    close: () =>
      writes.close(() => {
        reader.close();
        writer.close();
      }),
  };
}
