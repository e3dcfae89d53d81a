import type { Clock, RateLimitDecision, RateLimiter, RateLimitPolicy } from '@commerce/core';
import type { Redis } from 'ioredis';
import { TOKEN_BUCKET_LUA } from './token-bucket-script.js';

export interface RedisRateLimiterOptions {
  /** A connected client (see `openRedis`); the limiter never closes it. */
  client: Redis;
  /** Prepended to every bucket key, e.g. `commerce:` → `commerce:ratelimit:<key>`. */
  prefix: string;
  /** Defaults to the Redis server's clock (one clock for all instances); tests pass their own. */
  clock?: Clock;
}

type BucketReply = [number, number, number, number];
type WithBucket = Redis & {
  commerceTokenBucket(key: string, ...args: (string | number)[]): Promise<BucketReply>;
};

/**
 * The RateLimiter port on Redis: one token bucket per key for every instance and protocol,
 * spent atomically by a Lua script (EVALSHA, loaded on first use). Its decisions are the
 * in-memory limiter's (the same contract suite runs against both).
 *
 * When Redis is unreachable `consume` rejects at once (the request fails as internal) rather
 * than letting requests through unlimited; /readyz reports the outage meanwhile.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const client = options.client as WithBucket;
  if (typeof client.commerceTokenBucket !== 'function') {
    client.defineCommand('commerceTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
  }
  const now = () => (options.clock ? options.clock.now() : -1);

  async function run(
    key: string,
    cost: number,
    policy: RateLimitPolicy,
    spend: boolean,
  ): Promise<RateLimitDecision> {
    const [allowed, remaining, resetSeconds, retryAfterSeconds] = await client.commerceTokenBucket(
      `${options.prefix}ratelimit:${key}`,
      policy.capacity,
      policy.refillPerSecond,
      cost,
      spend ? 1 : 0,
      now(),
    );
    return {
      allowed: allowed === 1,
      limit: policy.capacity,
      remaining,
      resetSeconds,
      retryAfterSeconds,
    };
  }

  return {
    consume: (key, cost, policy) => run(key, cost, policy, true),
    peek: (key, policy) => run(key, 1, policy, false),
  };
}
