import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { RestEnv } from '../env.js';

/**
 * 413 (via `onError`) for a request body over `maxBytes`. A request with `Content-Length` (and
 * no `Transfer-Encoding`) is judged by that header alone, which node's parser holds the body to;
 * only a chunked body is counted as it streams, by hono's `bodyLimit`. hono's middleware reads
 * `c.req.raw.body` first, which makes @hono/node-server build a full WHATWG Request and stream
 * for every write, and the route then reads the body through that stream instead of directly.
 */
export function limitBody(
  maxBytes: number,
  onError: (c: Context<RestEnv>) => Response | Promise<Response>,
): MiddlewareHandler<RestEnv> {
  const streamed = bodyLimit({ maxSize: maxBytes, onError });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (length === undefined) return next();
    if (Number.parseInt(length, 10) > maxBytes) return onError(c);
    return next();
  };
}
