import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import { createMutex } from './mutex.js';

/** Serialized write transactions on the one write connection. */
export interface WriteTransactions {
  /**
   * Runs `work` between `BEGIN IMMEDIATE` and `COMMIT` once every earlier transaction of this
   * store has finished; rolls back and rethrows if `work` (or the commit) throws.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Waits for the queued transactions, then runs `finalize`; nothing runs after it. */
  close(finalize: () => void): Promise<void>;
}

const NESTED =
  'a store-level write or transaction was started inside a transaction of the same store; ' +
  'use the repositories the transaction passes to its work';

/** Write transactions on `db`, the store's only write connection. */
export function createWriteTransactions(db: Database): WriteTransactions {
  const mutex = createMutex();
  // Marks the async context of an open transaction: waiting on the mutex from there would
  // wait for ourselves forever, so fail fast instead.
  const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

  async function inTransaction<T>(work: () => Promise<T>): Promise<T> {
    // IMMEDIATE takes the write lock up front: another process's writer waits (busy_timeout)
    // here instead of failing later with SQLITE_BUSY on its first write.
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  return {
    run(work) {
      if (openTransaction.getStore()?.open) return Promise.reject(new Error(NESTED));
      return mutex.run(() => {
        const scope = { open: true };
        return openTransaction.run(scope, () =>
          inTransaction(work).finally(() => {
            scope.open = false;
          }),
        );
      });
    },
    close(finalize) {
      return mutex.run(async () => finalize());
    },
  };
}
