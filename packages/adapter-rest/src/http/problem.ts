import { type CommerceError, type ErrorCode, toCommerceError } from '@commerce/core';
import type { Context } from 'hono';
import type { RestEnv } from '../env.js';
import { ERROR_TABLE, type HttpErrorMapping } from './error-table.js';
import { wireFieldPath } from './field-names.js';
import { HttpRefusal } from './refusal.js';
import { requestIds } from './request-ids.js';

const PROBLEM_HEADERS = {
  'Content-Type': 'application/problem+json',
  'Cache-Control': 'no-store',
};

/** Writes an RFC 9457 problem carrying the stable `code` and this request's ids. */
export function problemResponse(
  c: Context<RestEnv>,
  mapping: HttpErrorMapping,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const { requestId, traceId } = requestIds(c);
  c.set('outcome', code);
  const body = {
    type: mapping.type,
    title: mapping.title,
    status: mapping.status,
    detail,
    code,
    request_id: requestId,
    trace_id: traceId,
    ...extra,
  };
  return c.body(JSON.stringify(body), mapping.status, PROBLEM_HEADERS);
}

/** The problem for anything thrown: a CommerceError keeps its code, the rest is `internal`. */
export function errorResponse(c: Context<RestEnv>, thrown: unknown): Response {
  if (thrown instanceof HttpRefusal) {
    return problemResponse(c, thrown.mapping, 'invalid_argument', thrown.message);
  }
  const error: CommerceError = toCommerceError(thrown);
  const mapping = ERROR_TABLE[error.code];
  const { fieldViolations, retryAfterMs, currentVersion, currentState, lockedUntil } =
    error.details;
  const extra: Record<string, unknown> = {};
  let detail = error.message;
  if (fieldViolations) {
    const errors = fieldViolations.map((v) => ({
      field: wireFieldPath(v.field),
      description: v.description,
    }));
    extra.errors = errors;
    detail = `invalid request: ${errors.map((e) => `${e.field}: ${e.description}`).join('; ')}`;
  }
  if (retryAfterMs !== undefined) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    extra.retry_after_seconds = seconds;
    c.header('Retry-After', String(seconds));
  }
  if (error.code === 'unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="commerce"');
  if (currentVersion !== undefined) extra.current_version = currentVersion;
  if (currentState !== undefined) extra.current_state = currentState;
  if (lockedUntil !== undefined) extra.locked_until = lockedUntil;
  // Internal errors never show their message (it may hold SQL or paths).
  if (error.code === 'internal') detail = 'internal error';
  return problemResponse(c, mapping, error.code, detail, extra);
}
