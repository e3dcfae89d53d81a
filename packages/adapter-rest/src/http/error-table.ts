import type { ErrorCode } from '@commerce/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** How one core error code travels over HTTP: status and the RFC 9457 `title` and `type`. */
export interface HttpErrorMapping {
  status: ContentfulStatusCode;
  title: string;
  type: string;
}

const typeOf = (code: string) => `urn:problem-type:commerce:${code}`;

/**
 * The one mapping of the core's error vocabulary to HTTP. Typed `Record<ErrorCode, …>` so a new
 * code does not compile until it has a status. `locked` is 409, not WebDAV's 423 (see README).
 */
export const ERROR_TABLE: Record<ErrorCode, HttpErrorMapping> = {
  invalid_argument: { status: 400, title: 'Bad Request', type: typeOf('invalid_argument') },
  not_found: { status: 404, title: 'Not Found', type: typeOf('not_found') },
  unauthenticated: { status: 401, title: 'Unauthorized', type: typeOf('unauthenticated') },
  permission_denied: { status: 403, title: 'Forbidden', type: typeOf('permission_denied') },
  version_mismatch: {
    status: 412,
    title: 'Precondition Failed',
    type: typeOf('version_mismatch'),
  },
  locked: { status: 409, title: 'Conflict: resource locked', type: typeOf('locked') },
  invalid_state: { status: 409, title: 'Conflict: invalid state', type: typeOf('invalid_state') },
  idempotency_key_reused: {
    status: 422,
    title: 'Unprocessable Content: idempotency key reused',
    type: typeOf('idempotency_key_reused'),
  },
  idempotency_in_progress: {
    status: 409,
    title: 'Conflict: request in progress',
    type: typeOf('idempotency_in_progress'),
  },
  rate_limited: { status: 429, title: 'Too Many Requests', type: typeOf('rate_limited') },
  deadline_exceeded: {
    status: 504,
    title: 'Gateway Timeout',
    type: typeOf('deadline_exceeded'),
  },
  internal: { status: 500, title: 'Internal Server Error', type: typeOf('internal') },
};

/**
 * HTTP-level refusals that happen before the core is called. They keep the stable core code
 * `invalid_argument` (clients and the other protocols see one vocabulary) with their own
 * status, title and type.
 */
export const HTTP_REFUSALS = {
  malformed: { status: 400, title: 'Bad Request: malformed input', type: typeOf('malformed') },
  payloadTooLarge: {
    status: 413,
    title: 'Content Too Large',
    type: typeOf('payload_too_large'),
  },
  unsupportedMediaType: {
    status: 415,
    title: 'Unsupported Media Type',
    type: typeOf('unsupported_media_type'),
  },
  preconditionRequired: {
    status: 428,
    title: 'Precondition Required',
    type: typeOf('precondition_required'),
  },
} satisfies Record<string, HttpErrorMapping>;
