import { describe, expect, it } from 'vitest';
import type { Order } from '../../domain/order.js';
import type { OrderFilter } from '../../ports/store.js';
import { isoAfter, makeOrder } from '../fixtures.js';
import { byId, type CurrentStore, ids, walkPages } from './support.js';

/** Inserts one order per spec, in the order given, and returns them. */
async function seed<const S extends readonly Partial<Order>[]>(
  store: CurrentStore,
  specs: S,
): Promise<{ [K in keyof S]: Order }> {
  const orders = specs.map((spec) => makeOrder(spec));
  for (const order of orders) await store().orders.insert(order);
  return orders as { [K in keyof S]: Order };
}

/** Orders repository: storage, compare-and-set, ordering, pagination and filters. */
export function describeOrders(store: CurrentStore): void {
  describe('orders', () => {
    it('reads back an inserted order unchanged, and null for an unknown id', async () => {
      const order = makeOrder({
        items: [
          { sku: 'sku_a', quantity: 1, unitPrice: 100 },
          { sku: 'sku_b', quantity: 3, unitPrice: 250 },
        ],
      });
      await store().orders.insert(order);
      expect(await store().orders.get(order.id)).toEqual(order);
      expect(await store().orders.get('ord_missing')).toBeNull();
    });

    it('rejects a second order with the same id and keeps the first', async () => {
      const order = makeOrder();
      await store().orders.insert(order);
      await expect(
        store().orders.insert({ ...order, customerId: 'cus_mallory' }),
      ).rejects.toThrow();
      expect(await store().orders.get(order.id)).toEqual(order);
    });

    it('getMany returns the orders that exist and skips unknown ids', async () => {
      const [a, , c] = await seed(store, [{}, {}, {}]);
      const found = await store().orders.getMany([c.id, 'ord_missing', a.id]);
      expect(byId(found)).toEqual(byId([a, c]));
      expect(await store().orders.getMany([])).toEqual([]);
    });

    it('update writes the order when the expected version matches', async () => {
      const [order] = await seed(store, [{}]);
      const paid: Order = { ...order, status: 'paid', version: 2, updatedAt: isoAfter(1_000) };
      expect(await store().orders.update(paid, 1)).toBe(true);
      expect(await store().orders.get(order.id)).toEqual(paid);
    });

    it('update with a stale version returns false and writes nothing', async () => {
      const [order] = await seed(store, [{}]);
      const paid: Order = { ...order, status: 'paid', version: 2, updatedAt: isoAfter(1_000) };
      await store().orders.update(paid, 1);
      const stale: Order = {
        ...order,
        status: 'cancelled',
        version: 2,
        updatedAt: isoAfter(2_000),
      };
      expect(await store().orders.update(stale, 1)).toBe(false);
      expect(await store().orders.get(order.id)).toEqual(paid);
    });

    it('update of an unknown order returns false and creates nothing', async () => {
      const ghost = makeOrder({ version: 2 });
      expect(await store().orders.update(ghost, 1)).toBe(false);
      expect(await store().orders.get(ghost.id)).toBeNull();
    });

    it('lists newest first, breaking createdAt ties by id descending', async () => {
      // Inserted out of order so that neither insertion order nor its reverse passes.
      await seed(store, [
        { id: 'ord_tie_9', createdAt: isoAfter(1_000) },
        { id: 'ord_late', createdAt: isoAfter(2_000) },
        { id: 'ord_tie_1', createdAt: isoAfter(1_000) },
        { id: 'ord_early', createdAt: isoAfter(0) },
      ]);
      const page = await store().orders.list({}, { kind: 'cursor', after: null, limit: 10 });
      expect(ids(page)).toEqual(['ord_late', 'ord_tie_9', 'ord_tie_1', 'ord_early']);
    });

    it('pages with a cursor: the `after` position is exclusive and pages never overlap', async () => {
      await seed(
        store,
        [1_000, 0, 1_000, 2_000, 1_000].map((offset) => ({ createdAt: isoAfter(offset) })),
      );
      const all = await store().orders.list({}, { kind: 'cursor', after: null, limit: 10 });
      expect(all).toHaveLength(5);
      for (const limit of [1, 2, 3]) {
        const walked = await walkPages(
          (after) => store().orders.list({}, { kind: 'cursor', after, limit }),
          limit,
        );
        expect(ids(walked)).toEqual(ids(all));
      }
    });

    it('accepts a cursor position that matches no row', async () => {
      const [early, middle] = await seed(store, [
        { createdAt: isoAfter(0) },
        { createdAt: isoAfter(2_000) },
      ]);
      const between = { createdAt: isoAfter(1_000), id: 'ord_any' };
      expect(
        ids(await store().orders.list({}, { kind: 'cursor', after: between, limit: 10 })),
      ).toEqual([early.id]);
      const aboveAll = { createdAt: isoAfter(3_000), id: '' };
      expect(
        ids(await store().orders.list({}, { kind: 'cursor', after: aboveAll, limit: 10 })),
      ).toEqual(ids([middle, early]));
    });

    it('pages by offset in the same order', async () => {
      await seed(
        store,
        [0, 1_000, 2_000, 3_000, 4_000].map((offset) => ({ createdAt: isoAfter(offset) })),
      );
      const all = ids(await store().orders.list({}, { kind: 'cursor', after: null, limit: 10 }));
      const page = (offset: number) =>
        store().orders.list({}, { kind: 'offset', offset, limit: 2 });
      expect(ids(await page(0))).toEqual(all.slice(0, 2));
      expect(ids(await page(2))).toEqual(all.slice(2, 4));
      expect(ids(await page(4))).toEqual(all.slice(4));
      expect(await page(10)).toEqual([]);
    });

    it('filters by customer and status, alone and together, with pagination', async () => {
      const [alicePending, alicePaid, bobPending, alicePending2] = await seed(store, [
        { customerId: 'cus_alice', createdAt: isoAfter(0) },
        { customerId: 'cus_alice', status: 'paid', createdAt: isoAfter(1_000) },
        { customerId: 'cus_bob', createdAt: isoAfter(2_000) },
        { customerId: 'cus_alice', createdAt: isoAfter(3_000) },
      ]);
      const list = (filter: OrderFilter, limit = 10) =>
        store().orders.list(filter, { kind: 'cursor', after: null, limit });
      expect(ids(await list({ customerId: 'cus_alice' }))).toEqual(
        ids([alicePending2, alicePaid, alicePending]),
      );
      expect(ids(await list({ status: 'pending' }))).toEqual(
        ids([alicePending2, bobPending, alicePending]),
      );
      expect(ids(await list({ customerId: 'cus_alice', status: 'pending' }))).toEqual(
        ids([alicePending2, alicePending]),
      );
      expect(await list({ customerId: 'cus_nobody' })).toEqual([]);

      const first = await list({ customerId: 'cus_alice', status: 'pending' }, 1);
      expect(ids(first)).toEqual([alicePending2.id]);
      const second = await store().orders.list(
        { customerId: 'cus_alice', status: 'pending' },
        {
          kind: 'cursor',
          after: { createdAt: alicePending2.createdAt, id: alicePending2.id },
          limit: 1,
        },
      );
      expect(ids(second)).toEqual([alicePending.id]);
      const offsetPage = await store().orders.list(
        { customerId: 'cus_alice' },
        { kind: 'offset', offset: 1, limit: 1 },
      );
      expect(ids(offsetPage)).toEqual([alicePaid.id]);
    });
  });
}
