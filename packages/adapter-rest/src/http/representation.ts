import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RestEnv } from '../env.js';
import { etagOf, noneMatchHits } from './conditional.js';

/** Per API key and always revalidated: private caches may keep it, then ask with the ETag. */
export const REVALIDATE = 'private, no-cache';

/**
 * A versioned resource: strong ETag from the version, `Cache-Control`, and 304 without a body
 * when a GET's If-None-Match already names this version.
 */
export function representation(
  c: Context<RestEnv>,
  version: number,
  body: unknown,
  status: ContentfulStatusCode = 200,
  extra: Record<string, string> = {},
): Response {
  const etag = etagOf(version);
  const headers = { ETag: etag, 'Cache-Control': REVALIDATE, Vary: 'Authorization', ...extra };
  if (c.req.method === 'GET' && noneMatchHits(c.req.header('if-none-match'), version)) {
    return c.body(null, 304, headers);
  }
  return c.json(body, status, headers);
}

/** Headers of a write's response: `Idempotent-Replayed: true` when it was a replay. */
export const replayHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? { 'Idempotent-Replayed': 'true' } : {};
