import type { Repositories } from '@commerce/core';

/** Runs `work` as one serialized write transaction. */
export type WriteTransaction = <T>(work: (tx: Repositories) => Promise<T>) => Promise<T>;

/**
 * The repositories the store exposes outside a transaction: reads use the read connection, which
 * sees only committed data; every write is its own short transaction on the write connection,
 * queued behind the transactions already running.
 */
export function outsideTransaction(read: Repositories, write: WriteTransaction): Repositories {
  return {
    orders: {
      get: (...args) => read.orders.get(...args),
      getMany: (...args) => read.orders.getMany(...args),
      list: (...args) => read.orders.list(...args),
      insert: (...args) => write((tx) => tx.orders.insert(...args)),
      update: (...args) => write((tx) => tx.orders.update(...args)),
    },
    payments: {
      get: (...args) => read.payments.get(...args),
      getMany: (...args) => read.payments.getMany(...args),
      listByOrderIds: (...args) => read.payments.listByOrderIds(...args),
      list: (...args) => read.payments.list(...args),
      insert: (...args) => write((tx) => tx.payments.insert(...args)),
      update: (...args) => write((tx) => tx.payments.update(...args)),
    },
    events: {
      append: (...args) => write((tx) => tx.events.append(...args)),
      readAfter: (...args) => read.events.readAfter(...args),
      head: () => read.events.head(),
    },
    idempotency: {
      acquire: (...args) => write((tx) => tx.idempotency.acquire(...args)),
      complete: (...args) => write((tx) => tx.idempotency.complete(...args)),
      release: (...args) => write((tx) => tx.idempotency.release(...args)),
      purgeExpired: (...args) => write((tx) => tx.idempotency.purgeExpired(...args)),
    },
    locks: {
      acquire: (...args) => write((tx) => tx.locks.acquire(...args)),
      get: (...args) => read.locks.get(...args),
      release: (...args) => write((tx) => tx.locks.release(...args)),
    },
    jobs: {
      enqueue: (...args) => write((tx) => tx.jobs.enqueue(...args)),
      get: (...args) => read.jobs.get(...args),
      lease: (...args) => write((tx) => tx.jobs.lease(...args)),
      heartbeat: (...args) => write((tx) => tx.jobs.heartbeat(...args)),
      finish: (...args) => write((tx) => tx.jobs.finish(...args)),
      requestCancel: (...args) => write((tx) => tx.jobs.requestCancel(...args)),
      releaseLeases: (...args) => write((tx) => tx.jobs.releaseLeases(...args)),
      counts: () => read.jobs.counts(),
    },
    apiKeys: {
      findByHash: (...args) => read.apiKeys.findByHash(...args),
      findByHashPrefix: (...args) => read.apiKeys.findByHashPrefix(...args),
      upsert: (...args) => write((tx) => tx.apiKeys.upsert(...args)),
    },
    webhookEndpoints: {
      get: (...args) => read.webhookEndpoints.get(...args),
      list: (...args) => read.webhookEndpoints.list(...args),
      listEnabled: () => read.webhookEndpoints.listEnabled(),
      insert: (...args) => write((tx) => tx.webhookEndpoints.insert(...args)),
      update: (...args) => write((tx) => tx.webhookEndpoints.update(...args)),
      delete: (...args) => write((tx) => tx.webhookEndpoints.delete(...args)),
    },
    webhookDeliveries: {
      get: (...args) => read.webhookDeliveries.get(...args),
      list: (...args) => read.webhookDeliveries.list(...args),
      insert: (...args) => write((tx) => tx.webhookDeliveries.insert(...args)),
      update: (...args) => write((tx) => tx.webhookDeliveries.update(...args)),
      addAttempt: (...args) => write((tx) => tx.webhookDeliveries.addAttempt(...args)),
      listAttempts: (...args) => read.webhookDeliveries.listAttempts(...args),
    },
    logCursors: {
      get: (...args) => read.logCursors.get(...args),
      advance: (...args) => write((tx) => tx.logCursors.advance(...args)),
    },
  };
}
