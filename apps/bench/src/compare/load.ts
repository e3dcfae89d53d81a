/** Thrown by an operation that has no more input (e.g. the order pool for payments is empty). */
export class Exhausted extends Error {}

/** What one load run observed. */
export interface LoadResult {
  /** Latency of every completed call, ms. */
  latencies: number[];
  /** Calls that threw (an Exhausted operation ends its worker instead). */
  errors: number;
  /** The first error, for diagnosis. */
  firstError?: unknown;
  /** Wall time from start until the last worker finished, ms. */
  elapsedMs: number;
}

/**
 * Closed-loop load: `concurrency` workers each call `operation(worker)` back to back until
 * `durationMs` has passed (a call in flight then still completes and counts). Latency is timed
 * around each call with the monotonic clock.
 */
export async function runLoad(
  concurrency: number,
  durationMs: number,
  operation: (worker: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const result: LoadResult = { latencies, errors: 0, elapsedMs: 0 };
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async (index: number) => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        await operation(index);
        latencies.push(performance.now() - begin);
      } catch (error) {
        if (error instanceof Exhausted) return;
        result.errors += 1;
        result.firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  result.elapsedMs = performance.now() - start;
  return result;
}
