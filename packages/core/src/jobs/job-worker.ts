import { randomBytes } from 'node:crypto';
import type { Job, JobOutcome } from '../domain/job.js';
import type { Repositories } from '../ports/store.js';
import type { CoreDeps } from '../services/deps.js';
import { commit } from '../services/deps.js';
import { retryDelayMs } from './backoff.js';
import { LeaseLostError, PermanentJobError } from './job-errors.js';
import type { JobHandler, JobRun } from './job-handler.js';

export interface JobWorkerOptions {
  handlers: Record<string, JobHandler>;
  workerId?: string;
  concurrency?: number;
  /** Receives errors the worker survives (store hiccups, handler bugs) for logging. */
  onError?: (error: unknown, job: Job | null) => void;
}

export interface JobWorker {
  readonly id: string;
  start(): void;
  /**
   * Stops leasing, waits up to `drainMs` for running jobs, then aborts the rest and hands
   * their leases back so another worker picks them up at once (the attempt is not counted).
   */
  stop(drainMs?: number): Promise<void>;
  /** Runs jobs until none is due; for tests and one-shot processing. */
  drain(): Promise<number>;
}

const CANCELLED = 'cancelled';
const SHUTDOWN = 'shutdown';
const LEASE_LOST = 'lease lost';

/** Polls the job queue and runs handlers with leases, heartbeats, retries and dead-lettering. */
export function createJobWorker(deps: CoreDeps, options: JobWorkerOptions): JobWorker {
  const { store, clock, settings } = deps;
  const id = options.workerId ?? `wrk_${randomBytes(6).toString('hex')}`;
  const concurrency = options.concurrency ?? 4;
  const types = Object.keys(options.handlers);
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const report = options.onError ?? (() => {});
  let stopped = true;
  let wake: (() => void) | null = null;
  // A notification that arrives while a lease attempt runs must not wait for the next poll.
  let notified = false;
  const notify = () => {
    notified = true;
    wake?.();
  };
  let loop: Promise<void> | null = null;
  let unsubscribe: (() => void) | null = null;

  async function finish(
    job: Job,
    outcome: JobOutcome,
    effects?: (tx: Repositories) => Promise<void>,
  ) {
    await commit(deps, async (tx) => {
      await effects?.(tx);
      if (!(await tx.jobs.finish(job.id, id, outcome, clock.now())))
        throw new LeaseLostError(job.id);
    });
  }

  async function fail(job: Job, handler: JobHandler, error: unknown, controller: AbortController) {
    const reason = controller.signal.reason;
    if (reason === SHUTDOWN || reason === LEASE_LOST || error instanceof LeaseLostError) return;
    const message = error instanceof Error ? error.message : String(error);
    if (reason === CANCELLED) {
      await finish(job, { status: 'cancelled', error: 'cancelled on request' }, (tx) =>
        handler.onCancelled ? handler.onCancelled(job, tx) : Promise.resolve(),
      );
      return;
    }
    const permanent = error instanceof PermanentJobError;
    if (permanent || job.attempts >= job.maxAttempts) {
      const status = permanent ? 'failed' : 'dead';
      await finish(job, { status, error: message }, (tx) =>
        handler.onFailed ? handler.onFailed(job, tx, message) : Promise.resolve(),
      );
      return;
    }
    const { baseMs, maxMs } = handler.backoff ?? {
      baseMs: settings.payments.retryBaseMs,
      maxMs: settings.payments.retryMaxMs,
    };
    const runAt = clock.now() + retryDelayMs(job.attempts, baseMs, maxMs);
    await finish(job, { status: 'queued', runAt, error: message });
  }

  async function execute(job: Job, controller: AbortController): Promise<void> {
    const handler = options.handlers[job.type];
    if (!handler) return;
    const { leaseMs } = settings.jobs;
    const beat = async (progress?: { percent: number; message: string | null }) => {
      const current = await store.jobs.heartbeat(job.id, id, clock.now() + leaseMs, progress);
      if (!current) controller.abort(LEASE_LOST);
      else if (current.cancelRequested) controller.abort(CANCELLED);
    };
    const timer = setInterval(
      () => {
        beat().catch((error: unknown) => report(error, job));
      },
      Math.max(50, Math.min(1_000, leaseMs / 3)),
    );
    const run: JobRun = {
      signal: controller.signal,
      progress: (percent, message) => beat({ percent, message }),
      complete: (effects) =>
        finish(job, { status: 'succeeded', result: null }, async (tx) => {
          await effects(tx);
        }),
    };
    try {
      await handler.run(job, run);
    } catch (error) {
      await fail(job, handler, error, controller).catch((inner: unknown) => report(inner, job));
    } finally {
      clearInterval(timer);
    }
  }

  async function leaseNext(): Promise<boolean> {
    const job = await store.jobs.lease({
      workerId: id,
      now: clock.now(),
      leaseMs: settings.jobs.leaseMs,
      types,
    });
    if (!job) return false;
    const controller = new AbortController();
    const done = execute(job, controller)
      .catch((error: unknown) => report(error, job))
      .finally(() => {
        running.delete(job.id);
        notify();
      });
    running.set(job.id, { controller, done });
    return true;
  }

  async function pollLoop(): Promise<void> {
    while (!stopped) {
      notified = false;
      let leased = false;
      if (running.size < concurrency) {
        leased = await leaseNext().catch((error: unknown) => {
          report(error, null);
          return false;
        });
      }
      if (leased || notified) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, settings.jobs.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    id,
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = deps.jobSignal.subscribe(notify);
      loop = pollLoop();
    },
    async stop(drainMs = 5_000) {
      stopped = true;
      unsubscribe?.();
      wake?.();
      await loop;
      const inFlight = [...running.values()];
      const drained = Promise.all(inFlight.map((r) => r.done));
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(resolve, drainMs, 'timeout').unref(),
      );
      if ((await Promise.race([drained, timeout])) === 'timeout') {
        for (const r of inFlight) r.controller.abort(SHUTDOWN);
        await drained;
      }
      await store.jobs.releaseLeases(id, clock.now());
    },
    async drain() {
      let count = 0;
      while (await leaseNext()) {
        count++;
        await Promise.all([...running.values()].map((r) => r.done));
      }
      return count;
    },
  };
}
