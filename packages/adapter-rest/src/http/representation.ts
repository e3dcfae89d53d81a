import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RestEnv } from '../env.js';
import { etagOf, noneMatchHits } from './conditional.js';
import { varyOn } from './outgoing-headers.js';

/** Per API key and always revalidated: private caches may keep it, then ask with the ETag. */
export const REVALIDATE = 'private, no-cache';

/**
 * A versioned resource: strong ETag from the version, `Cache-Control`, `Vary: Authorization`,
 * and 304 without a body when a GET's If-None-Match already names this version.
 *
 * The Response is built with a plain header object rather than through `c.json`, which turns
 * more than one header into a WHATWG `Headers` (costly on every read). Nothing in the REST chain
 * prepares headers with `c.header` before a route answers (hono would fold them in only through
 * `c.json`/`c.body`); the shared ones are added afterwards by the REST pipeline (http/pipeline.ts).
 */
export function representation(
  c: Context<RestEnv>,
  version: number,
  body: unknown,
  status: ContentfulStatusCode = 200,
  extra: Record<string, string> = {},
): Response {
  const etag = etagOf(version);
  varyOn(c, 'Authorization');
  const headers = { ETag: etag, 'Cache-Control': REVALIDATE, ...extra };
  if (c.req.method === 'GET' && noneMatchHits(c.req.header('if-none-match'), version)) {
    return c.body(null, 304, headers);
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Headers of a write's response: `Idempotent-Replayed: true` when it was a replay. */
export const replayHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? { 'Idempotent-Replayed': 'true' } : {};
