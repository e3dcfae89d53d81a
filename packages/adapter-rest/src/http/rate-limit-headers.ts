import type { RateLimitDecision, RateLimitPolicy } from '@commerce/core';

const POLICY = 'api-key';

/**
 * Both header families for one decision: the de-facto `X-RateLimit-*` (reset in seconds from
 * now) and the IETF httpapi draft's structured `RateLimit-Policy` / `RateLimit`. The token
 * bucket is described as a quota of `capacity` per the window it takes to refill completely.
 */
export function rateLimitHeaders(
  decision: RateLimitDecision,
  policy: RateLimitPolicy,
): Record<string, string> {
  const remaining = Math.max(0, Math.floor(decision.remaining));
  const reset = Math.max(0, Math.ceil(decision.resetSeconds));
  const window = Math.max(1, Math.ceil(policy.capacity / policy.refillPerSecond));
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(reset),
    'RateLimit-Policy': `"${POLICY}";q=${decision.limit};w=${window}`,
    RateLimit: `"${POLICY}";r=${remaining};t=${reset}`,
  };
}
