import { create, toBinary } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import type { CommerceError } from '@commerce/core';
import {
  BadRequestSchema,
  ErrorDetailSchema,
  ErrorInfoSchema,
  RequestInfoSchema,
  RetryInfoSchema,
  StatusSchema,
} from '@commerce/proto';
import { Metadata, type StatusObject } from '@grpc/grpc-js';
import { durationFromMs, type FailedRequest, toErrorDetail } from './error-detail.js';
import { ERROR_DOMAIN, GRPC_STATUS } from './status-codes.js';

/** The trailer grpc-js has no API for: a binary `google.rpc.Status` with typed details. */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
export const REQUEST_ID_KEY = 'x-request-id';

/**
 * A core error as the final status of a call: the mapped code, the message, the request id in
 * the trailers, and a `google.rpc.Status` in `grpc-status-details-bin` with `ErrorInfo`
 * (reason = the stable code in UPPER_SNAKE, as AIP-193 asks), `BadRequest` field violations
 * (protobuf field paths of the request), `RetryInfo` when a retry may succeed, `RequestInfo`,
 * and the full `commerce.v1.ErrorDetail`.
 */
export function toStatus(
  error: CommerceError,
  request: FailedRequest,
  renames: Readonly<Record<string, string>> = {},
): StatusObject {
  const code = GRPC_STATUS[error.code];
  const detail = toErrorDetail(error, renames, request);
  const metadata: Record<string, string> = {
    request_id: request.requestId,
    trace_id: request.traceId,
  };
  if (detail.currentVersion !== undefined) metadata.current_version = String(detail.currentVersion);
  if (detail.currentState !== undefined) metadata.current_state = detail.currentState;
  if (error.details.lockedUntil !== undefined) metadata.locked_until = error.details.lockedUntil;
  const details = [
    anyPack(
      ErrorInfoSchema,
      create(ErrorInfoSchema, { reason: error.code.toUpperCase(), domain: ERROR_DOMAIN, metadata }),
    ),
  ];
  if (detail.fieldViolations.length > 0) {
    details.push(
      anyPack(
        BadRequestSchema,
        create(BadRequestSchema, {
          fieldViolations: detail.fieldViolations.map(({ field, description }) => ({
            field,
            description,
          })),
        }),
      ),
    );
  }
  if (error.details.retryAfterMs !== undefined) {
    details.push(
      anyPack(
        RetryInfoSchema,
        create(RetryInfoSchema, { retryDelay: durationFromMs(error.details.retryAfterMs) }),
      ),
    );
  }
  details.push(
    anyPack(RequestInfoSchema, create(RequestInfoSchema, { requestId: request.requestId })),
    anyPack(ErrorDetailSchema, detail),
  );
  const trailers = new Metadata();
  trailers.set(REQUEST_ID_KEY, request.requestId);
  trailers.set(
    STATUS_DETAILS_KEY,
    Buffer.from(
      toBinary(StatusSchema, create(StatusSchema, { code, message: error.message, details })),
    ),
  );
  return { code, details: error.message, metadata: trailers };
}
