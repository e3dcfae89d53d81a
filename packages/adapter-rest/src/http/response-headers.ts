import type { MiddlewareHandler } from 'hono';
import type { RestEnv } from '../env.js';
import { requestIds } from './request-ids.js';

/**
 * Resolves the request's ids first (so every problem carries them) and writes, on every
 * response including errors: `X-Request-Id` and the rate-limit headers of the latest decision.
 */
export function responseHeaders(): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    const { requestId } = requestIds(c);
    await next();
    // Straight onto the finished response: `c.header` after `next` makes hono rebuild it.
    const headers = c.res.headers;
    headers.set('X-Request-Id', requestId);
    const limits = c.get('rateLimitHeaders');
    if (limits) for (const [name, value] of Object.entries(limits)) headers.set(name, value);
  };
}
