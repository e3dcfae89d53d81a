import type { Clock } from '../ports/clock.js';
import type { EventBus } from '../ports/event-bus.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { Repositories, Store } from '../ports/store.js';
import type { CommerceSettings } from '../settings.js';

/** What every use case is built from. */
export interface CoreDeps {
  store: Store;
  bus: EventBus;
  rateLimiter: RateLimiter;
  clock: Clock;
  settings: CommerceSettings;
}

/**
 * Runs `work` in one store transaction and, once it has committed, wakes live subscribers
 * with the highest sequence it appended. Nothing is published for a rolled-back transaction.
 */
export async function commit<T>(
  deps: CoreDeps,
  work: (tx: Repositories) => Promise<T>,
): Promise<T> {
  let head = 0;
  const result = await deps.store.transaction((tx) => {
    const events = tx.events;
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
    };
    return work(tracked);
  });
  if (head > 0) deps.bus.publish(head);
  return result;
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();
