import { assertWithinRateLimit, type Commerce } from '@commerce/core';
import type { MiddlewareHandler } from 'hono';
import type { RestEnv } from '../env.js';
import { rateLimitHeaders } from './rate-limit-headers.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const isRevalidation = (method: string, ifNoneMatch: string | undefined) =>
  (method === 'GET' || method === 'HEAD') && ifNoneMatch !== undefined;

/**
 * `Authorization: Bearer <api key>` → the principal; then one token of its rate-limit bucket.
 * A revalidation (`If-None-Match`) only peeks first and pays after the handler unless the
 * answer is 304: a cache hit costs no quota, an exhausted bucket is still refused.
 */
export function authenticate(commerce: Commerce): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const secret = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    const principal = await commerce.auth.authenticate(secret);
    const policy = commerce.settings.rateLimits[principal.role];
    const deferred = isRevalidation(c.req.method, c.req.header('if-none-match'));
    let decision = deferred
      ? await commerce.auth.peekRateLimit(principal)
      : await commerce.auth.consumeRateLimit(principal);
    c.set('rateLimitHeaders', rateLimitHeaders(decision, policy));
    assertWithinRateLimit(decision);
    c.set('principal', principal);
    await next();
    if (deferred && c.res.status !== 304) {
      decision = await commerce.auth.consumeRateLimit(principal);
      c.set('rateLimitHeaders', rateLimitHeaders(decision, policy));
    }
  };
}
