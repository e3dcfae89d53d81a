import { describe, expect, it } from 'vitest';
import { makeLock, T0 } from '../fixtures.js';
import type { CurrentStore } from './support.js';

/** Pessimistic locks: exclusive while live, absent once expired, released only by their token. */
export function describeLocks(store: CurrentStore): void {
  describe('locks', () => {
    it('takes a free lock and reports it as the live lock', async () => {
      const lock = makeLock();
      expect(await store().locks.acquire(lock, T0)).toEqual({ acquired: true });
      expect(await store().locks.get(lock.resource, T0)).toEqual(lock);
      expect(await store().locks.get('order:ord_free', T0)).toBeNull();
    });

    it('refuses a held lock and returns the lock that blocks it', async () => {
      const lock = makeLock();
      await store().locks.acquire(lock, T0);
      const rival = makeLock({
        resource: lock.resource,
        ownerId: 'key_bob',
        expiresAt: T0 + 120_000,
      });
      expect(await store().locks.acquire(rival, T0 + 1)).toEqual({
        acquired: false,
        current: lock,
      });
      expect(await store().locks.get(lock.resource, T0 + 1)).toEqual(lock);
      const elsewhere = makeLock({ resource: 'order:ord_other' });
      expect(await store().locks.acquire(elsewhere, T0)).toEqual({ acquired: true });
    });

    it('treats an expired lock as absent, so another owner can take it', async () => {
      const lock = makeLock();
      await store().locks.acquire(lock, T0);
      const after = lock.expiresAt + 1;
      expect(await store().locks.get(lock.resource, after)).toBeNull();
      const next = makeLock({
        resource: lock.resource,
        ownerId: 'key_bob',
        expiresAt: after + 60_000,
      });
      expect(await store().locks.acquire(next, after)).toEqual({ acquired: true });
      expect(await store().locks.get(lock.resource, after)).toEqual(next);
      expect(await store().locks.release(lock.resource, lock.token)).toBe(false);
      expect(await store().locks.get(lock.resource, after)).toEqual(next);
    });

    it('releases only with the token that holds the lock', async () => {
      const lock = makeLock();
      await store().locks.acquire(lock, T0);
      expect(await store().locks.release(lock.resource, 'lck_wrong')).toBe(false);
      expect(await store().locks.get(lock.resource, T0)).toEqual(lock);
      expect(await store().locks.release(lock.resource, lock.token)).toBe(true);
      expect(await store().locks.get(lock.resource, T0)).toBeNull();
      expect(await store().locks.release(lock.resource, lock.token)).toBe(false);
      expect(await store().locks.acquire(makeLock({ resource: lock.resource }), T0)).toEqual({
        acquired: true,
      });
    });
  });
}
