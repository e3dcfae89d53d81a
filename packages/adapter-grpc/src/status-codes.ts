import type { ErrorCode } from '@commerce/core';
import { status } from '@grpc/grpc-js';

/**
 * The core's error codes as gRPC status codes: the one table of this adapter (the same mapping
 * as the comments of proto/commerce/v1/error.proto and the error table of ARCHITECTURE.md).
 */
export const GRPC_STATUS: Record<ErrorCode, status> = {
  invalid_argument: status.INVALID_ARGUMENT,
  not_found: status.NOT_FOUND,
  unauthenticated: status.UNAUTHENTICATED,
  permission_denied: status.PERMISSION_DENIED,
  version_mismatch: status.ABORTED,
  locked: status.ABORTED,
  invalid_state: status.FAILED_PRECONDITION,
  idempotency_key_reused: status.FAILED_PRECONDITION,
  idempotency_in_progress: status.ABORTED,
  rate_limited: status.RESOURCE_EXHAUSTED,
  deadline_exceeded: status.DEADLINE_EXCEEDED,
  internal: status.INTERNAL,
};

/** The domain of every `google.rpc.ErrorInfo` this API sends. */
export const ERROR_DOMAIN = 'commerce.v1';
