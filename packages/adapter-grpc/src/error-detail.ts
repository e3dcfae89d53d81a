import { create } from '@bufbuild/protobuf';
import { type Duration, DurationSchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { CommerceError } from '@commerce/core';
import { type ErrorDetail, ErrorDetailSchema } from '@commerce/proto';
import { toRequestFieldPath } from './field-paths.js';

/** Milliseconds as a `google.protobuf.Duration`. */
export function durationFromMs(ms: number): Duration {
  const whole = Math.max(0, Math.round(ms));
  return create(DurationSchema, {
    seconds: BigInt(Math.floor(whole / 1000)),
    nanos: (whole % 1000) * 1_000_000,
  });
}

/** Who failed, for the error detail: the request id and trace id, when the error is a call's. */
export interface FailedRequest {
  requestId: string;
  traceId: string;
}

/**
 * A core error as `commerce.v1.ErrorDetail`: in a failed call's rich status, and as the result
 * of one failed item of a batch (then without request and trace id: those are the batch's).
 */
export function toErrorDetail(
  error: CommerceError,
  renames: Readonly<Record<string, string>>,
  request?: FailedRequest,
): ErrorDetail {
  const { details } = error;
  return create(ErrorDetailSchema, {
    code: error.code,
    message: error.message,
    fieldViolations: (details.fieldViolations ?? []).map((v) => ({
      field: toRequestFieldPath(v.field, renames),
      description: v.description,
    })),
    ...(details.retryAfterMs === undefined
      ? {}
      : { retryAfter: durationFromMs(details.retryAfterMs) }),
    ...(details.currentVersion === undefined
      ? {}
      : { currentVersion: BigInt(details.currentVersion) }),
    ...(details.currentState === undefined ? {} : { currentState: details.currentState }),
    ...(details.lockedUntil === undefined
      ? {}
      : { lockedUntil: timestampFromDate(new Date(details.lockedUntil)) }),
    requestId: request?.requestId ?? '',
    traceId: request?.traceId ?? '',
  });
}
