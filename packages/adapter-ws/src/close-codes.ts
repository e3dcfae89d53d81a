import type { ErrorCode } from '@commerce/core';

/**
 * Every close code the server sends. 1xxx are RFC 6455's; 4xxx are this API's, numbered after
 * the HTTP status they resemble (the convention graphql-ws also follows).
 */
export const CLOSE_CODES = {
  /** The client closed, or the server ended the session normally. */
  normal: 1000,
  /** The server is shutting down: reconnect (to another instance) and resume. */
  goingAway: 1001,
  /** Repeated malformed or unknown messages, or binary frames. */
  policyViolation: 1008,
  /** A message larger than the limit (ws' `maxPayload`). */
  messageTooBig: 1009,
  /** An unexpected server error outside any one command (e.g. the key store is unreachable). */
  internalError: 1011,
  /** Missing or unknown API key. */
  unauthenticated: 4401,
  /** No `auth` message within the auth deadline, or idle for too long. */
  timeout: 4408,
  /** No stream slot: the key or the server holds its maximum of open streams. Retry later. */
  rateLimited: 4429,
} as const;

/**
 * The close code for an error that ends a connection before it is usable (authentication or
 * the stream slot). Errors of single commands never close; they are `error` frames.
 */
export function closeCodeFor(code: ErrorCode): number {
  if (code === 'unauthenticated' || code === 'permission_denied')
    return CLOSE_CODES.unauthenticated;
  if (code === 'rate_limited') return CLOSE_CODES.rateLimited;
  return CLOSE_CODES.internalError;
}

/**
 * A close reason within the protocol's limit (123 bytes of UTF-8); the full message travels in
 * the `error` frame sent just before the close.
 */
export function closeReason(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= 123) return message;
  // Cut on a character boundary: decoding a truncated sequence would add a replacement char.
  let end = 120;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}...`;
}
