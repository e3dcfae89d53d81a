/** Thrown by a job handler for a failure that may pass on retry (the job is retried with backoff). */
export class TransientJobError extends Error {
  override readonly name = 'TransientJobError';
}

/** Thrown by a job handler for a failure no retry can fix (the job fails at once). */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** The worker lost its lease (it expired and another worker took the job): its result is discarded. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}
