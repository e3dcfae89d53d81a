/**
 * Wakes this process's job workers once a transaction that enqueued jobs has committed (see
 * `commit`): they lease at once instead of at their next poll. Workers of other instances find
 * the job by polling; the event bus no longer wakes them for every event, most of which enqueue
 * nothing (an order created cost every worker a lease attempt, a write transaction).
 */
export interface JobSignal {
  notify(): void;
  /** Calls `listener` on every `notify`; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createJobSignal(): JobSignal {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
