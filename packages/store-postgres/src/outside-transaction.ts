import type { Repositories } from '@commerce/core';

/** Runs `work` as one serialized transaction (transactions.ts). */
export type WriteTransaction = <T>(work: (tx: Repositories) => Promise<T>) => Promise<T>;

/**
 * The repositories the store exposes outside a transaction. Every statement of `pooled` runs on
 * a pool connection and commits on its own; each write there is a single statement, atomic by
 * itself (compare-and-set, `ON CONFLICT`, `SKIP LOCKED`), so it needs no transaction, and job
 * leases, heartbeats and claims from many workers never wait behind the use-case transactions.
 * `events.append` is the exception: it takes the next sequence, so it runs as a transaction.
 */
export function outsideTransaction(pooled: Repositories, write: WriteTransaction): Repositories {
  return {
    ...pooled,
    events: {
      append: (event) => write((tx) => tx.events.append(event)),
      readAfter: (...args) => pooled.events.readAfter(...args),
      head: () => pooled.events.head(),
    },
  };
}
