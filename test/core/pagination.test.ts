import type { Order } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { admin, alice, as, bob, openHarness, sampleItems } from '../support/harness.js';

describe('pagination', () => {
  it('returns every row exactly once through cursors while rows are inserted concurrently', async () => {
    await using h = await openHarness();
    const create = () =>
      h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
    const existing = new Set<string>();
    for (let i = 0; i < 40; i++) existing.add((await create()).value.id);

    const seen: string[] = [];
    let inserted = 0;
    let cursor: string | undefined;
    do {
      const page = await h.commerce.orders.list(as(alice), {
        limit: 7,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
      // Writers insert between every two page reads.
      await Promise.all([create(), create(), create()]);
      inserted += 3;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    for (const id of existing) expect(seen).toContain(id);
    expect(inserted).toBeGreaterThan(0);
  });

  it('orders newest first and supports page/limit', async () => {
    await using h = await openHarness();
    const created: Order[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' })).value,
      );
    }
    const newestFirst = created.map((o) => o.id).reverse();
    const page1 = await h.commerce.orders.list(as(alice), { page: 1, limit: 2 });
    const page3 = await h.commerce.orders.list(as(alice), { page: 3, limit: 2 });
    expect(page1.items.map((o) => o.id)).toEqual(newestFirst.slice(0, 2));
    expect(page1.page).toBe(1);
    expect(page3.items.map((o) => o.id)).toEqual(newestFirst.slice(4));
    expect(page3.nextCursor).toBeNull();
  });

  it('filters by status and customer, and confines customers to their own orders', async () => {
    await using h = await openHarness();
    const { value: a } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
    await h.commerce.orders.create(as(bob), { items: sampleItems, currency: 'EUR' });
    await h.commerce.orders.cancel(as(alice), a.id);
    expect((await h.commerce.orders.list(as(admin))).items).toHaveLength(3);
    expect((await h.commerce.orders.list(as(admin), { customerId: 'cus_bob' })).items).toHaveLength(
      1,
    );
    const cancelled = await h.commerce.orders.list(as(alice), { status: 'cancelled' });
    expect(cancelled.items.map((o) => o.id)).toEqual([a.id]);
    expect(
      (await h.commerce.orders.list(as(bob))).items.every((o) => o.customerId === 'cus_bob'),
    ).toBe(true);
    await expect(
      h.commerce.orders.list(as(bob), { customerId: 'cus_alice' }),
    ).rejects.toMatchObject({
      code: 'permission_denied',
    });
  });

  it('rejects a forged cursor', async () => {
    await using h = await openHarness();
    await expect(
      h.commerce.orders.list(as(alice), { cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      details: { fieldViolations: [{ field: 'cursor' }] },
    });
  });
});
