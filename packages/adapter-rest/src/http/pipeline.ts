import {
  assertWithinRateLimit,
  type Commerce,
  type ErrorCode,
  type RequestObserver,
} from '@commerce/core';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { RestEnv } from '../env.js';
import { type CorsOptions, corsGrant } from './cors.js';
import { ERROR_TABLE } from './error-table.js';
import { addResponseHeaders, varyOn } from './outgoing-headers.js';
import { errorResponse } from './problem.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { requestIds } from './request-ids.js';

export interface PipelineOptions {
  commerce: Commerce;
  /** Where each request is reported. */
  observer: RequestObserver;
  cors: CorsOptions;
  /** Runs before the route for requests that may carry a body (POST, PUT, PATCH). */
  limitBody: MiddlewareHandler<RestEnv>;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const BY_STATUS = new Map<number, ErrorCode>();
for (const [code, { status }] of Object.entries(ERROR_TABLE) as [ErrorCode, { status: number }][])
  if (!BY_STATUS.has(status)) BY_STATUS.set(status, code);

const mayHaveBody = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH';

/**
 * Everything the REST API does around a route, as ONE middleware (four used to be chained, each
 * wrapped by hono in a compose of its own for the app's error handler, on every request). In
 * order, outermost first:
 *
 * 1. Response headers: the request's ids are resolved first (so every problem carries them);
 *    on every response, errors included, `X-Request-Id` (unless the server in front already
 *    echoes it), the rate-limit headers of the latest decision and `Vary` (see `varyOn`).
 * 2. Observation: the route's label and the outcome the problem writer recorded, reported to
 *    the observer without re-reading the response body.
 * 3. CORS from an allowlist: an allowed origin is echoed (never `*`, so credentials stay valid);
 *    any other origin gets no CORS header at all, preflight included.
 * 4. Authentication and rate limit: `Authorization: Bearer <api key>` → the principal; then one
 *    token of its bucket. A revalidation (`If-None-Match`) only peeks first and pays after the
 *    route unless the answer is 304: a cache hit costs no quota, an exhausted bucket is still
 *    refused.
 * 5. The body limit, for writes only.
 *
 * An error thrown in 4 or 5 becomes its problem response here, so 1–3 still apply to it.
 */
export function restPipeline(options: PipelineOptions): MiddlewareHandler<RestEnv> {
  const { commerce, observer, limitBody } = options;
  const { allowed, grant } = corsGrant(options.cors);

  async function guarded(c: Context<RestEnv>, next: Next): Promise<void> {
    try {
      const method = c.req.method;
      if (method === 'OPTIONS') {
        await next();
        return;
      }
      const secret = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
      const principal = await commerce.auth.authenticate(secret);
      const policy = commerce.settings.rateLimits[principal.role];
      const deferred =
        (method === 'GET' || method === 'HEAD') && c.req.header('if-none-match') !== undefined;
      const decision = deferred
        ? await commerce.auth.peekRateLimit(principal)
        : await commerce.auth.consumeRateLimit(principal);
      c.set('rateLimitHeaders', rateLimitHeaders(decision, policy));
      assertWithinRateLimit(decision);
      c.set('principal', principal);
      if (mayHaveBody(method)) {
        // The limiter answers a Response when it refuses, else what `next` resolved to.
        const refused: unknown = await limitBody(c, next);
        if (refused instanceof Response) c.res = refused;
      } else await next();
      if (deferred && c.res.status !== 304) {
        const paid = await commerce.auth.consumeRateLimit(principal);
        c.set('rateLimitHeaders', rateLimitHeaders(paid, policy));
      }
    } catch (error) {
      c.error = error instanceof Error ? error : new Error(String(error));
      c.res = errorResponse(c, error);
    }
  }

  return async (c, next) => {
    const { requestId } = requestIds(c);
    const started = performance.now();
    const origin = c.req.header('origin');
    if (origin !== undefined && allowed.has(origin)) {
      // hono's cors writes its own `Vary: Origin` onto the response.
      c.set('corsGranted', true);
      const preflight = await grant(c, () => guarded(c, next));
      if (preflight) c.res = preflight;
    } else {
      await guarded(c, next);
      varyOn(c, 'Origin');
    }

    const status = c.res.status;
    observer.observe({
      protocol: 'rest',
      operation: c.get('operation') ?? 'unmatched',
      outcome:
        c.get('outcome') ??
        (status < 400
          ? 'ok'
          : (BY_STATUS.get(status) ?? (status >= 500 ? 'internal' : 'invalid_argument'))),
      durationMs: performance.now() - started,
    });

    // Mounted on the server, its request logging echoes X-Request-Id on every response.
    const echoed = c.get('requestId') !== undefined;
    const limits = c.get('rateLimitHeaders');
    const headers = echoed
      ? (limits ?? {})
      : limits
        ? { 'X-Request-Id': requestId, ...limits }
        : { 'X-Request-Id': requestId };
    addResponseHeaders(c, headers, c.get('vary'), c.get('corsGranted') === true);
  };
}
