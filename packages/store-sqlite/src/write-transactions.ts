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

/** Write transactions on `db`, the store's only write connection. */
export function createWriteTransactions(db: Database): WriteTransactions {
  // No AsyncLocalStorage guard against a transaction calling its own store: on Node 20 it
  // switches on promise hooks process-wide and cost the REST API most of its throughput. The
  // Store port documents that `work` must only use the `tx` it is given.
  const mutex = createMutex();

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
      return mutex.run(() => inTransaction(work));
    },
    close(finalize) {
      return mutex.run(async () => finalize());
    },
  };
}
