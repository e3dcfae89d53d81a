import type { Job } from '../domain/job.js';
import type { Repositories } from '../ports/store.js';

/** What a running handler can do with its job. */
export interface JobRun {
  /** Aborts when the job is cancelled, its lease is lost, or the worker shuts down. */
  readonly signal: AbortSignal;
  progress(percent: number, message: string | null): Promise<void>;
  /**
   * Applies the job's effects and marks it succeeded in one transaction, fenced by the lease:
   * if another worker has taken the job meanwhile, nothing is written.
   */
  complete(effects: (tx: Repositories) => Promise<unknown>): Promise<void>;
}

/** Runs one type of job. Domain effects of terminal failures run in the same transaction as the job's end. */
export interface JobHandler {
  /** Delays between retries of this job type; the payment settings' when omitted. */
  readonly backoff?: { baseMs: number; maxMs: number };
  run(job: Job, run: JobRun): Promise<void>;
  /** Retries are exhausted or the failure is permanent. */
  onFailed?(job: Job, tx: Repositories, reason: string): Promise<void>;
  /** The job was cancelled on request. */
  onCancelled?(job: Job, tx: Repositories): Promise<void>;
}
