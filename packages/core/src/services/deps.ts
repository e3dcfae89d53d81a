import type { JobSignal } from '../jobs/job-signal.js';
import type { Clock } from '../ports/clock.js';
import type { EventBus } from '../ports/event-bus.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { JobRepository, Repositories, Store } from '../ports/store.js';
import type { CommerceSettings } from '../settings.js';

/** What every use case is built from. */
export interface CoreDeps {
  store: Store;
  bus: EventBus;
  rateLimiter: RateLimiter;
  clock: Clock;
  settings: CommerceSettings;
  /** Wakes this process's job workers when committed work enqueued jobs. */
  jobSignal: JobSignal;
}

/**
 * Runs `work` in one store transaction and, once it has committed, wakes live subscribers
 * with the highest sequence it appended, and this process's job workers if it enqueued jobs.
 * Nothing is published for a rolled-back transaction.
 */
export async function commit<T>(
  deps: CoreDeps,
  work: (tx: Repositories) => Promise<T>,
): Promise<T> {
  let head = 0;
  let enqueued = false;
  const result = await deps.store.transaction((tx) => {
    const events = tx.events;
    // The transaction's own job repository with `enqueue` noted; every other method is its.
    const jobs: JobRepository = Object.create(tx.jobs);
    jobs.enqueue = (job) => {
      enqueued = true;
      return tx.jobs.enqueue(job);
    };
    const tracked: Repositories = {
      ...tx,
      events: {
        append: async (event) => {
          const stored = await events.append(event);
          head = Math.max(head, stored.sequence);
          return stored;
        },
        readAfter: (after, filter, limit) => events.readAfter(after, filter, limit),
        head: () => events.head(),
      },
      jobs,
    };
    return work(tracked);
  });
  if (head > 0) deps.bus.publish(head);
  if (enqueued) deps.jobSignal.notify();
  return result;
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();
