import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { RestEnv } from '../env.js';

export interface CorsOptions {
  /** Exact origins (scheme://host[:port]) allowed to call cross-origin. */
  origins: readonly string[];
  /** How long browsers may cache a preflight answer. */
  maxAgeSeconds: number;
}

const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'If-None-Match',
  'X-Lock-Token',
  'X-Request-Id',
  'traceparent',
];
const EXPOSE_HEADERS = [
  'ETag',
  'Location',
  'Link',
  'Retry-After',
  'Idempotent-Replayed',
  'X-Lock-Token',
  'X-Request-Id',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit-Policy',
  'RateLimit',
];

/**
 * CORS from an allowlist: an allowed origin is echoed (never `*`, so credentials stay valid);
 * any other origin gets no CORS header at all, preflight included, and the browser refuses.
 * `grant` is hono's cors middleware, to run only for an origin in `allowed` (the REST
 * pipeline does, and records `Vary: Origin` itself for the others).
 */
export function corsGrant(options: CorsOptions): {
  allowed: ReadonlySet<string>;
  grant: MiddlewareHandler<RestEnv>;
} {
  const allowed = new Set(options.origins);
  const grant = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: options.maxAgeSeconds,
    credentials: true,
  });
  return { allowed, grant };
}
