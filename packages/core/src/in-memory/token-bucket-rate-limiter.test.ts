import { describe, expect, it } from 'vitest';
import { createInMemoryRateLimiter } from './token-bucket-rate-limiter.js';

describe('token bucket', () => {
  it('spends the burst, refuses with a retry hint, and refills over time', async () => {
    let now = 0;
    const limiter = createInMemoryRateLimiter({ now: () => now });
    const policy = { capacity: 3, refillPerSecond: 1 };
    for (let i = 0; i < 3; i++) expect((await limiter.consume('k', 1, policy)).allowed).toBe(true);
    const refused = await limiter.consume('k', 1, policy);
    expect(refused).toMatchObject({
      allowed: false,
      remaining: 0,
      limit: 3,
      retryAfterSeconds: 1,
      resetSeconds: 3,
    });
    expect((await limiter.consume('other', 1, policy)).allowed).toBe(true);
    now += 1_000;
    expect(await limiter.peek('k', policy)).toMatchObject({ remaining: 1 });
    expect((await limiter.consume('k', 1, policy)).allowed).toBe(true);
  });
});
