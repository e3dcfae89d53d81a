/**
 * The one error vocabulary. Every adapter maps these codes once, in a table typed
 * `Record<ErrorCode, …>`, so adding a code fails to compile until every adapter handles it.
 */
export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'unauthenticated',
  'permission_denied',
  'version_mismatch',
  'locked',
  'invalid_state',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'rate_limited',
  'deadline_exceeded',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One invalid input field: a dotted path (`items[0].quantity`) and what is wrong with it. */
export interface FieldViolation {
  field: string;
  description: string;
}

export interface ErrorDetails {
  fieldViolations?: FieldViolation[];
  /** For `rate_limited` and `idempotency_in_progress`: when a retry may succeed. */
  retryAfterMs?: number;
  /** For `version_mismatch`: the version the resource has now. */
  currentVersion?: number;
  /** For `invalid_state`: the state the resource is in. */
  currentState?: string;
  /** For `locked`: when the current lock expires. */
  lockedUntil?: string;
}

export class CommerceError extends Error {
  override readonly name = 'CommerceError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

export function isCommerceError(value: unknown): value is CommerceError {
  return value instanceof CommerceError;
}

/**
 * Normalises anything thrown into a CommerceError. Unknown errors become `internal` with a
 * generic message: the original is kept as `cause` for logs and never shown to callers.
 */
export function toCommerceError(value: unknown): CommerceError {
  if (isCommerceError(value)) return value;
  if (value instanceof Error && value.name === 'AbortError') {
    return new CommerceError(
      'deadline_exceeded',
      'the operation was aborted',
      {},
      { cause: value },
    );
  }
  return new CommerceError('internal', 'internal error', {}, { cause: value });
}

export const invalidArgument = (field: string, description: string): CommerceError =>
  new CommerceError('invalid_argument', `${field}: ${description}`, {
    fieldViolations: [{ field, description }],
  });

export const notFound = (kind: string, id: string): CommerceError =>
  new CommerceError('not_found', `${kind} ${id} not found`);
