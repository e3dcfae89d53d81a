import { timingSafeEqual } from 'node:crypto';
import { signatureBytes } from './signing.js';

/** Why a webhook was refused: the receiver should answer 400 and not act on it. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/** Node's `IncomingHttpHeaders`, a fetch `Headers`, or a plain object with lower-case names. */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way (replay window). Default 300. */
  toleranceSeconds?: number;
  /** The current time in epoch ms (tests). */
  now?: number;
}

function header(headers: WebhookHeaders, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text === '') {
    throw new WebhookVerificationError(`missing ${name} header`);
  }
  return text;
}

/**
 * Verifies a Standard Webhooks delivery: `webhook-signature` must hold a `v1` HMAC-SHA256 of
 * `${webhook-id}.${webhook-timestamp}.${body}` under `secret` (compared in constant time), and
 * the timestamp must be within the tolerance, so a captured delivery cannot be replayed later.
 * Pass the body exactly as received (before any JSON parsing). Returns the parsed payload;
 * throws `WebhookVerificationError` otherwise.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyOptions = {},
): unknown {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError('webhook-timestamp is not a number of seconds');
  }
  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('webhook-timestamp is outside the tolerance (replay?)');
  }
  const expected = signatureBytes(secret, id, timestamp, body);
  const matches = signatures.split(' ').some((entry) => {
    const [version, encoded] = entry.split(',', 2);
    if (version !== 'v1' || encoded === undefined) return false;
    const candidate = Buffer.from(encoded, 'base64');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  if (!matches) throw new WebhookVerificationError('no webhook-signature matches the secret');
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WebhookVerificationError('the body is not JSON');
  }
}
