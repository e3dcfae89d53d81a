import { describe, expect, it } from 'vitest';
import { alice, as, bob, manualClock, openHarness, sampleItems } from '../support/harness.js';

const newItems = [{ sku: 'sku-mug', quantity: 3, unitPrice: 800 }];

describe('optimistic locking', () => {
  it('lets one of two writers with the same expected version win; the other gets version_mismatch', async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    const write = (sku: string) =>
      h.commerce.orders.replace(as(alice), order.id, {
        items: [{ sku, quantity: 1, unitPrice: 100 }],
        currency: 'EUR',
        expectedVersion: 1,
      });
    const results = await Promise.allSettled([write('a'), write('b')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      reason: { code: 'version_mismatch', details: { currentVersion: 2 } },
    });
    expect((await h.commerce.orders.get(as(alice), order.id)).version).toBe(2);
  });

  it('bumps the version by one on every change', async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    const replaced = await h.commerce.orders.replace(as(alice), order.id, {
      items: newItems,
      currency: 'EUR',
      expectedVersion: 1,
    });
    expect(replaced).toMatchObject({ version: 2, amount: 2400, items: newItems });
    const cancelled = await h.commerce.orders.cancel(as(alice), order.id, { expectedVersion: 2 });
    expect(cancelled).toMatchObject({ version: 3, status: 'cancelled' });
  });
});

describe('pessimistic locking', () => {
  it('refuses writes without the token while locked, accepts the holder and releases on write', async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    const lock = await h.commerce.orders.lock(as(alice), order.id, { ttlSeconds: 30 });
    expect(lock.token).toMatch(/^lck_/);
    await expect(
      h.commerce.orders.replace(as(alice), order.id, {
        items: newItems,
        currency: 'EUR',
        expectedVersion: 1,
      }),
    ).rejects.toMatchObject({ code: 'locked' });
    await expect(h.commerce.orders.cancel(as(alice), order.id)).rejects.toMatchObject({
      code: 'locked',
    });
    await expect(h.commerce.orders.lock(as(alice), order.id)).rejects.toMatchObject({
      code: 'locked',
    });
    const updated = await h.commerce.orders.replace(as(alice), order.id, {
      items: newItems,
      currency: 'EUR',
      expectedVersion: 1,
      lockToken: lock.token,
    });
    expect(updated.version).toBe(2);
    // The write released the lock: an unlocked write goes through, the old token is dead.
    await expect(
      h.commerce.orders.replace(as(alice), order.id, {
        items: sampleItems,
        currency: 'EUR',
        expectedVersion: 2,
        lockToken: lock.token,
      }),
    ).rejects.toMatchObject({ code: 'locked' });
    expect((await h.commerce.orders.cancel(as(alice), order.id)).status).toBe('cancelled');
  });

  it('expires locks', async () => {
    const clock = manualClock();
    await using h = await openHarness({ clock });
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    await h.commerce.orders.lock(as(alice), order.id, { ttlSeconds: 10 });
    clock.advance(9_999);
    await expect(h.commerce.orders.cancel(as(alice), order.id)).rejects.toMatchObject({
      code: 'locked',
    });
    clock.advance(2);
    expect((await h.commerce.orders.cancel(as(alice), order.id)).status).toBe('cancelled');
  });

  it('unlocks explicitly only with the right token', async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    const lock = await h.commerce.orders.lock(as(alice), order.id);
    await expect(h.commerce.orders.unlock(as(alice), order.id, 'lck_wrong')).rejects.toMatchObject({
      code: 'locked',
    });
    await h.commerce.orders.unlock(as(alice), order.id, lock.token);
    const again = await h.commerce.orders.lock(as(alice), order.id);
    expect(again.token).not.toBe(lock.token);
  });

  it("does not let a customer lock another customer's order", async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    await expect(h.commerce.orders.lock(as(bob), order.id)).rejects.toMatchObject({
      code: 'permission_denied',
    });
  });
});
