import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports/clock.js';
import type { RateLimiter } from '../ports/rate-limiter.js';

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

function manualClock(start: number): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/**
 * The behaviour every implementation of the `RateLimiter` port must have, as a vitest suite:
 * the same decisions, field for field, whatever keeps the buckets. `makeLimiter` returns a
 * limiter with fresh, empty buckets reading time from `clock`.
 *
 * @example describeRateLimiterContract('in-memory', (clock) => createInMemoryRateLimiter(clock));
 */
export function describeRateLimiterContract(
  name: string,
  makeLimiter: (clock: Clock) => RateLimiter | Promise<RateLimiter>,
): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const policy = { capacity: 3, refillPerSecond: 1 };

    it('spends the burst, refuses with a retry hint, and refills over time', async () => {
      const clock = manualClock(1_700_000_000_000);
      const limiter = await makeLimiter(clock);
      for (let i = 0; i < 3; i++) {
        expect(await limiter.consume('k', 1, policy)).toMatchObject({
          allowed: true,
          remaining: 2 - i,
          retryAfterSeconds: 0,
        });
      }
      expect(await limiter.consume('k', 1, policy)).toEqual({
        allowed: false,
        limit: 3,
        remaining: 0,
        resetSeconds: 3,
        retryAfterSeconds: 1,
      });
      expect((await limiter.consume('other', 1, policy)).allowed).toBe(true);
      clock.advance(1_000);
      expect(await limiter.peek('k', policy)).toMatchObject({ allowed: true, remaining: 1 });
      expect((await limiter.consume('k', 1, policy)).allowed).toBe(true);
    });

    it('counts fractions of a token and never refills past the capacity', async () => {
      const clock = manualClock(1_700_000_000_000);
      const limiter = await makeLimiter(clock);
      const slow = { capacity: 2, refillPerSecond: 0.5 };
      await limiter.consume('k', 2, slow);
      clock.advance(1_000);
      expect(await limiter.consume('k', 1, slow)).toMatchObject({
        allowed: false,
        remaining: 0,
        resetSeconds: 3,
        retryAfterSeconds: 1,
      });
      clock.advance(60_000);
      expect(await limiter.peek('k', slow)).toEqual({
        allowed: true,
        limit: 2,
        remaining: 2,
        resetSeconds: 0,
        retryAfterSeconds: 0,
      });
    });

    it('refuses a cost larger than what is left without spending anything', async () => {
      const clock = manualClock(1_700_000_000_000);
      const limiter = await makeLimiter(clock);
      expect(await limiter.consume('k', 5, policy)).toMatchObject({
        allowed: false,
        remaining: 3,
        retryAfterSeconds: 2,
      });
      expect(await limiter.peek('k', policy)).toMatchObject({ remaining: 3 });
    });
  });
}
