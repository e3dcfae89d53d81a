import type { Repositories } from '@commerce/core';
import type pg from 'pg';
import { inTransaction } from './client-transaction.js';
import { createMutex } from './mutex.js';
import { createRepositories } from './repositories.js';

/** The store's `transaction`, and a way to stop it once the running ones are done. */
export interface Transactions {
  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Waits for the transactions already queued, then runs `finalize`. */
  close(finalize: () => Promise<void>): Promise<void>;
}

/**
 * Transactions on `pool`, serialized with respect to every other writer of the schema, in this
 * process and in every other instance, as the Store port requires:
 *
 * - READ COMMITTED, and the first statement locks the `event_head` row (`FOR UPDATE`) until
 *   COMMIT or ROLLBACK. Transactions therefore run one at a time per schema, so a transaction's
 *   read-then-write (read an order, write the next version) can never lose an update, and
 *   sequences are handed out and committed in the same order.
 * - An in-process mutex queues this instance's transactions before they take a connection:
 *   waiting ones do not hold pool connections hostage (reads keep flowing), and only one
 *   connection per instance ever waits on the row lock.
 */
export function createTransactions(pool: pg.Pool): Transactions {
  // No AsyncLocalStorage guard against a transaction calling its own store (see store-sqlite):
  // the port documents that `work` must only use the `tx` it is given.
  const mutex = createMutex();
  return {
    run(work) {
      return mutex.run(() =>
        inTransaction(
          pool,
          (client) => work(createRepositories(client)),
          'BEGIN; SELECT 1 FROM event_head WHERE id = 1 FOR UPDATE',
        ),
      );
    },
    close(finalize) {
      return mutex.run(finalize);
    },
  };
}
