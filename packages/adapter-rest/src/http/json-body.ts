import type { Context } from 'hono';
import type { RestEnv } from '../env.js';
import { HTTP_REFUSALS } from './error-table.js';
import { HttpRefusal } from './refusal.js';

const isJson = (contentType: string) => {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
};

/** RFC 9112: a request has a body only with a non-zero Content-Length or Transfer-Encoding. */
const hasBody = (c: Context<RestEnv>) => {
  const length = c.req.header('content-length');
  if (length !== undefined) return length.trim() !== '0';
  return c.req.header('transfer-encoding') !== undefined;
};

/**
 * The request's JSON body: 415 for another media type, 400 when it does not parse. With
 * `optional`, a request without a body yields `{}` (e.g. `POST …/refunds`).
 */
export async function readJson(c: Context<RestEnv>, optional = false): Promise<unknown> {
  if (optional && !hasBody(c)) return {};
  const contentType = c.req.header('content-type');
  if (!contentType || !isJson(contentType)) {
    throw new HttpRefusal(
      HTTP_REFUSALS.unsupportedMediaType,
      `send the body as application/json (got ${contentType ?? 'no Content-Type'})`,
    );
  }
  const text = await c.req.text();
  if (text.trim() === '') {
    if (optional) return {};
    throw new HttpRefusal(HTTP_REFUSALS.malformed, 'a JSON request body is required');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpRefusal(HTTP_REFUSALS.malformed, 'the request body is not valid JSON');
  }
}
