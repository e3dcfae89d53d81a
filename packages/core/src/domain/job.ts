export const JOB_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'dead',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A durable unit of background work, leased by one worker at a time. */
export interface Job {
  id: string;
  type: string;
  payload: unknown;
  status: JobStatus;
  /** Attempts started so far (incremented when a worker leases the job). */
  attempts: number;
  maxAttempts: number;
  /** Epoch ms before which the job is not leased (backoff). */
  runAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  /** 0..100 */
  progress: number;
  progressMessage: string | null;
  cancelRequested: boolean;
  lastError: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  id: string;
  type: string;
  payload: unknown;
  maxAttempts: number;
  runAt: number;
  createdAt: string;
}

/** How a worker ends an attempt. */
export type JobOutcome =
  | { status: 'succeeded'; result: unknown }
  | { status: 'queued'; runAt: number; error: string }
  | { status: 'failed' | 'dead' | 'cancelled'; error: string };
