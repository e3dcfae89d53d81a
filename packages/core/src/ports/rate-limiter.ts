export interface RateLimitPolicy {
  /** Bucket size: the burst a key may spend at once. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds to wait before a retry can succeed (0 when allowed). */
  retryAfterSeconds: number;
}

/** Token bucket per key, shared by every protocol (and every instance, in the scale-out mode). */
export interface RateLimiter {
  consume(key: string, cost: number, policy: RateLimitPolicy): Promise<RateLimitDecision>;
  /** The bucket's state without spending from it. */
  peek(key: string, policy: RateLimitPolicy): Promise<RateLimitDecision>;
}
