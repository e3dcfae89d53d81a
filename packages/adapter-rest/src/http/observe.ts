import type { ErrorCode, RequestObserver } from '@commerce/core';
import type { MiddlewareHandler } from 'hono';
import type { RestEnv } from '../env.js';
import { ERROR_TABLE } from './error-table.js';

const BY_STATUS = new Map<number, ErrorCode>();
for (const [code, { status }] of Object.entries(ERROR_TABLE) as [ErrorCode, { status: number }][])
  if (!BY_STATUS.has(status)) BY_STATUS.set(status, code);

/**
 * Reports each request to the observer: the route's label and the error code the problem
 * writer recorded. Known without re-reading the response body, which keeps the hot path cheap.
 */
export function observe(observer: RequestObserver): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const outcome =
      c.get('outcome') ??
      (status < 400
        ? 'ok'
        : (BY_STATUS.get(status) ?? (status >= 500 ? 'internal' : 'invalid_argument')));
    observer.observe({
      protocol: 'rest',
      operation: c.get('operation') ?? 'unmatched',
      outcome,
      durationMs: performance.now() - started,
    });
  };
}
