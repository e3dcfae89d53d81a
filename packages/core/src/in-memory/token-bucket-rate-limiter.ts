import type { Clock } from '../ports/clock.js';
import { systemClock } from '../ports/clock.js';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../ports/rate-limiter.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 100_000;

/**
 * In-process token bucket per key: the embedded mode's limiter. The bucket map is bounded;
 * the least recently touched key is dropped first (a full bucket is the same as no bucket).
 */
export function createInMemoryRateLimiter(clock: Clock = systemClock): RateLimiter {
  const buckets = new Map<string, Bucket>();

  function refill(key: string, policy: RateLimitPolicy): Bucket {
    const now = clock.now();
    const existing = buckets.get(key);
    const elapsed = existing ? Math.max(0, now - existing.updatedAt) / 1000 : 0;
    const tokens = existing
      ? Math.min(policy.capacity, existing.tokens + elapsed * policy.refillPerSecond)
      : policy.capacity;
    const bucket = { tokens, updatedAt: now };
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > MAX_BUCKETS) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    return bucket;
  }

  function decide(
    bucket: Bucket,
    policy: RateLimitPolicy,
    allowed: boolean,
    cost: number,
  ): RateLimitDecision {
    const missing = policy.capacity - bucket.tokens;
    return {
      allowed,
      limit: policy.capacity,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil(missing / policy.refillPerSecond),
      retryAfterSeconds: allowed
        ? 0
        : Math.max(1, Math.ceil((cost - bucket.tokens) / policy.refillPerSecond)),
    };
  }

  return {
    async consume(key, cost, policy) {
      const bucket = refill(key, policy);
      const allowed = bucket.tokens >= cost;
      if (allowed) bucket.tokens -= cost;
      return decide(bucket, policy, allowed, cost);
    },
    async peek(key, policy) {
      const bucket = refill(key, policy);
      return decide(bucket, policy, bucket.tokens >= 1, 1);
    },
  };
}
