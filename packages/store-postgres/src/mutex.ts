/** Runs async tasks one at a time, in the order they were submitted. */
export interface Mutex {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A promise-chain mutex: each task starts when the previous one has settled. */
export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      // The next task waits for this one to settle, whether it succeeded or not.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
