import type { Database } from 'better-sqlite3';

/** Serialized write transactions on the one write connection. */
export interface WriteTransactions {
  /**
   * Runs `work` in a write transaction once every earlier one of this store has finished, and
   * resolves once its writes are committed; if `work` throws, its writes are rolled back and
   * the error is rethrown (as when the commit fails).
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Waits for the queued transactions, then runs `finalize`; nothing runs after it. */
  close(finalize: () => void): Promise<void>;
}

interface Queued {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most units of work that share one commit (bounds the latency a group adds). */
const MAX_GROUP = 64;

/**
 * Write transactions on `db`, the store's only write connection, with group commit: the units
 * of work queued while one runs join its transaction, one after another, each inside its own
 * SAVEPOINT, and share its COMMIT. A unit that throws is rolled back to its savepoint alone; the
 * others still commit. Nobody learns of a result before the COMMIT that makes it durable, and a
 * failed COMMIT fails every unit of the group. A group starts on the next `setImmediate`, so the
 * requests one turn of the event loop reads all join it. Under load this writes each touched page (table
 * and index leaves, the idempotency record's, the event log's) once per group instead of once
 * per request, and syncs the WAL at checkpoints a fraction as often. Alone, a unit gets a
 * transaction of its own, as before.
 */
export function createWriteTransactions(db: Database): WriteTransactions {
  // No AsyncLocalStorage guard against a transaction calling its own store: on Node 20 it
  // switches on promise hooks process-wide and cost the REST API most of its throughput. The
  // Store port documents that `work` must only use the `tx` it is given.
  // Prepared once: `db.exec` parses the statement again on every call.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT unit');
  const release = db.prepare('RELEASE unit');
  const rollbackTo = db.prepare('ROLLBACK TO unit');

  const queue: Queued[] = [];
  let draining: Promise<void> | null = null;

  /** Runs one group: as many queued units as are waiting (up to MAX_GROUP), one COMMIT. */
  async function runGroup(): Promise<void> {
    // IMMEDIATE takes the write lock up front: another process's writer waits (busy_timeout)
    // here instead of failing later with SQLITE_BUSY on its first write.
    try {
      begin.run();
    } catch (error) {
      for (const unit of queue.splice(0, MAX_GROUP)) unit.reject(error);
      return;
    }
    const done: { unit: Queued; value: unknown }[] = [];
    let taken = 0;
    while (queue.length > 0 && taken < MAX_GROUP) {
      const unit = queue.shift() as Queued;
      taken++;
      savepoint.run();
      try {
        const value = await unit.work();
        release.run();
        done.push({ unit, value });
      } catch (error) {
        if (db.inTransaction) {
          rollbackTo.run();
          release.run();
        } else {
          // SQLite rolled the whole transaction back itself (I/O error, disk full, …): the
          // units before this one lost their writes too; they run again in the next group.
          queue.unshift(...done.map((d) => d.unit));
          done.length = 0;
          unit.reject(error);
          return;
        }
        unit.reject(error);
      }
    }
    try {
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      for (const { unit } of done) unit.reject(error);
      return;
    }
    for (const { unit, value } of done) unit.resolve(value);
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) await runGroup();
    draining = null;
  }

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // The group starts once this turn of the event loop has handled its I/O: the requests
      // that arrived together queue their units first and share one commit.
      draining ??= new Promise<void>((started) => setImmediate(started)).then(drain);
    });
  }

  let closing: Promise<void> | null = null;
  return {
    run: enqueue,
    close(finalize) {
      closing ??= (async () => {
        while (draining !== null) await draining;
        finalize();
      })();
      return closing;
    },
  };
}
