import { createHmac } from 'node:crypto';

const PREFIX = 'whsec_';

/** The key bytes of a `whsec_<base64>` secret (a secret without the prefix is taken as base64). */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('the webhook secret is empty or not base64');
  return key;
}

/** The raw HMAC-SHA256 of `${id}.${timestamp}.${body}` under `secret`. */
export function signatureBytes(
  secret: string,
  id: string,
  timestamp: number,
  body: string | Uint8Array,
): Buffer {
  return createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest();
}

/**
 * The `webhook-signature` header of the Standard Webhooks scheme: `v1,<base64>` for each secret,
 * space-separated (several while a rotated-out secret is still in its overlap window).
 */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): string {
  return secrets
    .map((secret) => `v1,${signatureBytes(secret, id, timestamp, body).toString('base64')}`)
    .join(' ');
}
