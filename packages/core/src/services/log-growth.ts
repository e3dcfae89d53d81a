import type { CoreDeps } from './deps.js';

/**
 * Resolves when the log may have grown past `after`: on a bus notification, after the poll
 * interval (writes from other processes), or when the wait or the caller's deadline ends.
 */
export function waitForLogGrowth(
  deps: CoreDeps,
  after: number,
  waitMs: number,
  signal: AbortSignal,
): Promise<void> {
  const { store, bus, settings } = deps;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(waitMs, settings.events.pollMs));
    const unsubscribe = bus.subscribe((head) => {
      if (head > after) done();
    });
    signal.addEventListener('abort', done, { once: true });
    // A commit between the caller's read and the subscription above would be missed by the bus.
    store.events.head().then(
      (head) => head > after && done(),
      () => {},
    );
  });
}
