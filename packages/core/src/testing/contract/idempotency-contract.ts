import { describe, expect, it } from 'vitest';
import { makeIdempotencyRecord, T0 } from '../fixtures.js';
import type { CurrentStore } from './support.js';

/** Idempotency records: atomic claim, liveness (expiry and abandoned claims), completion. */
export function describeIdempotency(store: CurrentStore): void {
  describe('idempotency records', () => {
    it('stores a claim when none exists and returns the live one afterwards', async () => {
      const claim = makeIdempotencyRecord();
      expect(await store().idempotency.acquire(claim, T0)).toBeNull();
      const retry = { ...claim, requestHash: 'hash_other', createdAt: T0 + 1 };
      expect(await store().idempotency.acquire(retry, T0 + 1)).toEqual(claim);
    });

    it('scopes keys to the principal', async () => {
      const claim = makeIdempotencyRecord({ principalId: 'key_alice' });
      await store().idempotency.acquire(claim, T0);
      const bob = { ...claim, principalId: 'key_bob' };
      expect(await store().idempotency.acquire(bob, T0)).toBeNull();
      expect(await store().idempotency.acquire({ ...bob, requestHash: 'x' }, T0)).toEqual(bob);
    });

    it('complete stores the response, which stays live after the in-progress lock passes', async () => {
      const claim = makeIdempotencyRecord();
      await store().idempotency.acquire(claim, T0);
      const response = { order: { id: 'ord_1', amount: 900 }, tags: ['a', null], ok: true };
      await store().idempotency.complete(claim.principalId, claim.key, response);
      const later = claim.lockedUntil + 1;
      expect(await store().idempotency.acquire({ ...claim, createdAt: later }, later)).toEqual({
        ...claim,
        status: 'completed',
        response,
      });
    });

    it('keeps an in-progress claim live until its lockedUntil, then lets a new claim replace it', async () => {
      const claim = makeIdempotencyRecord();
      await store().idempotency.acquire(claim, T0);
      const takeover = { ...claim, requestHash: 'hash_b', lockedUntil: claim.lockedUntil + 30_000 };
      expect(await store().idempotency.acquire(takeover, claim.lockedUntil - 1)).toEqual(claim);
      expect(await store().idempotency.acquire(takeover, claim.lockedUntil)).toBeNull();
      expect(await store().idempotency.acquire(claim, claim.lockedUntil)).toEqual(takeover);
    });

    it('replaces an expired record, completed or not', async () => {
      const claim = makeIdempotencyRecord();
      await store().idempotency.acquire(claim, T0);
      await store().idempotency.complete(claim.principalId, claim.key, { done: 1 });
      const now = claim.expiresAt;
      const fresh = {
        ...claim,
        requestHash: 'hash_b',
        createdAt: now,
        expiresAt: now + 1_000,
        lockedUntil: now + 10,
      };
      expect(await store().idempotency.acquire(fresh, now)).toBeNull();
      expect(await store().idempotency.acquire(claim, now)).toEqual(fresh);
    });

    it('release drops an in-progress claim so the key can be claimed again', async () => {
      const claim = makeIdempotencyRecord();
      await store().idempotency.acquire(claim, T0);
      await store().idempotency.release(claim.principalId, claim.key);
      const retry = { ...claim, requestHash: 'hash_retry' };
      expect(await store().idempotency.acquire(retry, T0)).toBeNull();
      expect(await store().idempotency.acquire(claim, T0)).toEqual(retry);
    });

    it('purgeExpired removes exactly the records with expiresAt <= now', async () => {
      const soon = makeIdempotencyRecord({ expiresAt: T0 + 10 });
      const boundary = makeIdempotencyRecord({ expiresAt: T0 + 20 });
      const later = makeIdempotencyRecord({ expiresAt: T0 + 30 });
      for (const record of [soon, boundary, later]) await store().idempotency.acquire(record, T0);

      expect(await store().idempotency.purgeExpired(T0 + 20)).toBe(2);
      expect(await store().idempotency.purgeExpired(T0 + 20)).toBe(0);
      // Purged records are gone even for a reader whose clock says they are still live.
      expect(await store().idempotency.acquire({ ...soon, requestHash: 'new' }, T0)).toBeNull();
      expect(await store().idempotency.acquire({ ...boundary, requestHash: 'new' }, T0)).toBeNull();
      expect(await store().idempotency.acquire({ ...later, requestHash: 'new' }, T0)).toEqual(
        later,
      );
    });
  });
}
