import type { EventBus } from '../ports/event-bus.js';

/** Wakes subscribers in this process only: the embedded mode's fan-out. */
export function createInProcessEventBus(): EventBus {
  const listeners = new Set<(head: number) => void>();
  return {
    publish(head) {
      for (const listener of listeners) listener(head);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
