import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RestEnv } from '../env.js';
import { Problem } from './schemas.js';

const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;

const HEADERS = {
  'X-Request-Id': {
    description: 'The request id (echoed when the client sent a valid one)',
    schema: str,
  },
  'X-RateLimit-Limit': { description: 'Bucket capacity of this API key', schema: int },
  'X-RateLimit-Remaining': { description: 'Tokens left', schema: int },
  'X-RateLimit-Reset': { description: 'Seconds until the bucket is full again', schema: int },
  'RateLimit-Policy': {
    description: 'IETF draft: `"api-key";q=<quota>;w=<window s>`',
    schema: str,
  },
  RateLimit: { description: 'IETF draft: `"api-key";r=<remaining>;t=<reset s>`', schema: str },
  ETag: { description: 'Strong validator derived from the version', schema: str },
  Location: { description: 'URL of the resource', schema: str },
  'Retry-After': { description: 'Seconds before asking again', schema: int },
  'Idempotent-Replayed': {
    description: '`true` when replayed from an idempotency key',
    schema: str,
  },
  Link: { description: 'RFC 8288 links; `rel="next"` for the next page', schema: str },
  'Cache-Control': { description: 'Caching policy of the response', schema: str },
} as const;

export type HeaderName = keyof typeof HEADERS;

const ref = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` });

const ALWAYS: HeaderName[] = [
  'X-Request-Id',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit-Policy',
  'RateLimit',
];

/** Response headers: the ones every response carries plus `extra`. */
export const headers = (...extra: HeaderName[]) =>
  Object.fromEntries([...ALWAYS, ...extra].map((name) => [name, ref(name)]));

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Malformed or invalid input (`invalid_argument`, field details in `errors`)',
  401: 'Missing or unknown API key (`unauthenticated`)',
  403: 'Not this API key’s resource, or admin only (`permission_denied`)',
  404: 'No such resource (`not_found`)',
  409: 'Locked (`locked`), forbidden by the state machine (`invalid_state`) or same idempotency key in flight (`idempotency_in_progress`)',
  412: 'If-Match names a stale version (`version_mismatch`)',
  413: 'Request body larger than the server accepts',
  415: 'Request body is not application/json',
  422: 'Idempotency key reused with a different request (`idempotency_key_reused`)',
  428: 'If-Match is required on this update',
  429: 'Rate limit exhausted (`rate_limited`); see Retry-After',
  504: 'The request deadline passed (`deadline_exceeded`)',
};

/** Problem responses for `statuses` (plus 500, which any operation may answer). */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    [...statuses, 500].map((status) => [
      status,
      {
        description: PROBLEM_TEXT[status] ?? 'Internal error (`internal`); details only in logs',
        headers: headers(...(status === 429 || status === 409 ? (['Retry-After'] as const) : [])),
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

/** Registers the shared headers and the bearer scheme on the app's OpenAPI registry. */
export function registerComponents(app: OpenAPIHono<RestEnv>): void {
  for (const [name, header] of Object.entries(HEADERS)) {
    app.openAPIRegistry.registerComponent('headers', name, header);
  }
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key, e.g. `Authorization: Bearer sk_test_alice`',
  });
}
