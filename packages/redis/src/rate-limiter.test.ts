import { describeRateLimiterContract } from '@commerce/core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from './rate-limiter.js';
import { dropRunKeys, freshPrefix, suiteTitle, testClient, url } from './test-support/redis.js';

describe.skipIf(!url)(suiteTitle('redis rate limiter'), () => {
  let client: Redis;
  let other: Redis;
  beforeAll(async () => {
    client = await testClient();
    other = await testClient();
  });
  afterAll(async () => {
    await dropRunKeys(client);
    client.disconnect();
    other.disconnect();
  });

  describeRateLimiterContract('redis', (clock) =>
    createRedisRateLimiter({ client, prefix: freshPrefix(), clock }),
  );

  it('spends one budget from many connections at once, never more', async () => {
    const prefix = freshPrefix();
    const limiters = [client, other].map((c) => createRedisRateLimiter({ client: c, prefix }));
    const policy = { capacity: 10, refillPerSecond: 0.001 };
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => limiters[i % 2]?.consume('shared', 1, policy)),
    );
    expect(decisions.filter((d) => d?.allowed)).toHaveLength(10);
    expect(decisions.find((d) => !d?.allowed)).toMatchObject({ remaining: 0, limit: 10 });
  });

  it('keeps no key for a full bucket, and lets a partial one expire when it would be full', async () => {
    const prefix = freshPrefix();
    const limiter = createRedisRateLimiter({ client, prefix });
    const policy = { capacity: 5, refillPerSecond: 1 };
    await limiter.peek('k', policy);
    expect(await client.exists(`${prefix}ratelimit:k`)).toBe(0);
    await limiter.consume('k', 2, policy);
    const ttl = await client.pttl(`${prefix}ratelimit:k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2_000);
  });
});
