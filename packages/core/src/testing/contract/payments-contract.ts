import { describe, expect, it } from 'vitest';
import type { Order } from '../../domain/order.js';
import type { Payment } from '../../domain/payment.js';
import type { PaymentFilter } from '../../ports/store.js';
import { isoAfter, makeOrder, makePayment } from '../fixtures.js';
import { byId, type CurrentStore, ids, walkPages } from './support.js';

/** Inserts an order (payments may reference their order by a foreign key). */
async function seedOrder(store: CurrentStore, overrides: Partial<Order> = {}): Promise<Order> {
  const order = makeOrder(overrides);
  await store().orders.insert(order);
  return order;
}

/** Inserts one payment of `order` per spec, in the order given, and returns them. */
async function seedPayments<const S extends readonly Partial<Payment>[]>(
  store: CurrentStore,
  order: Order,
  specs: S,
): Promise<{ [K in keyof S]: Payment }> {
  const payments = specs.map((spec) => makePayment(order, spec));
  for (const payment of payments) await store().payments.insert(payment);
  return payments as { [K in keyof S]: Payment };
}

/** Payments repository: storage, compare-and-set, batch loading, ordering and filters. */
export function describePayments(store: CurrentStore): void {
  describe('payments', () => {
    it('reads back an inserted payment unchanged, and null for an unknown id', async () => {
      const order = await seedOrder(store);
      const [payment] = await seedPayments(store, order, [{ failureCode: null }]);
      expect(await store().payments.get(payment.id)).toEqual(payment);
      expect(await store().payments.get('pay_missing')).toBeNull();
    });

    it('getMany returns the payments that exist and skips unknown ids', async () => {
      const order = await seedOrder(store);
      const [a, , c] = await seedPayments(store, order, [{}, {}, {}]);
      const found = await store().payments.getMany([a.id, 'pay_missing', c.id]);
      expect(byId(found)).toEqual(byId([a, c]));
      expect(await store().payments.getMany([])).toEqual([]);
    });

    it('update is a compare-and-set on the version', async () => {
      const order = await seedOrder(store);
      const [payment] = await seedPayments(store, order, [{}]);
      const failed: Payment = {
        ...payment,
        status: 'failed',
        failureCode: 'card_declined',
        version: 2,
        updatedAt: isoAfter(1_000),
      };
      expect(await store().payments.update(failed, 1)).toBe(true);
      expect(await store().payments.get(payment.id)).toEqual(failed);

      const stale: Payment = { ...payment, status: 'succeeded', version: 2 };
      expect(await store().payments.update(stale, 1)).toBe(false);
      expect(await store().payments.get(payment.id)).toEqual(failed);
      expect(await store().payments.update(makePayment(order, { version: 2 }), 1)).toBe(false);
    });

    it('listByOrderIds returns every payment of the given orders, oldest first', async () => {
      const first = await seedOrder(store);
      const second = await seedOrder(store);
      const other = await seedOrder(store);
      const [firstLate, firstEarly] = await seedPayments(store, first, [
        { createdAt: isoAfter(2_000) },
        { createdAt: isoAfter(0) },
      ]);
      const [secondMiddle] = await seedPayments(store, second, [{ createdAt: isoAfter(1_000) }]);
      await seedPayments(store, other, [{ createdAt: isoAfter(500) }]);

      const found = await store().payments.listByOrderIds([first.id, second.id, 'ord_missing']);
      expect(ids(found)).toEqual(ids([firstEarly, secondMiddle, firstLate]));
      expect(await store().payments.listByOrderIds([])).toEqual([]);
    });

    it('lists newest first (createdAt desc, id desc) with cursor and offset pages', async () => {
      const order = await seedOrder(store);
      await seedPayments(store, order, [
        { id: 'pay_tie_9', createdAt: isoAfter(1_000) },
        { id: 'pay_late', createdAt: isoAfter(2_000) },
        { id: 'pay_tie_1', createdAt: isoAfter(1_000) },
        { id: 'pay_early', createdAt: isoAfter(0) },
      ]);
      const expected = ['pay_late', 'pay_tie_9', 'pay_tie_1', 'pay_early'];
      const all = await store().payments.list({}, { kind: 'cursor', after: null, limit: 10 });
      expect(ids(all)).toEqual(expected);

      const walked = await walkPages(
        (after, limit) => store().payments.list({}, { kind: 'cursor', after, limit }),
        3,
      );
      expect(ids(walked)).toEqual(expected);
      const offsetPage = await store().payments.list({}, { kind: 'offset', offset: 1, limit: 2 });
      expect(ids(offsetPage)).toEqual(expected.slice(1, 3));
    });

    it('filters by customer, order and status', async () => {
      const aliceOrder = await seedOrder(store, { customerId: 'cus_alice' });
      const aliceOther = await seedOrder(store, { customerId: 'cus_alice' });
      const bobOrder = await seedOrder(store, { customerId: 'cus_bob' });
      const [aliceFailed, aliceOk] = await seedPayments(store, aliceOrder, [
        { status: 'failed', failureCode: 'card_declined', createdAt: isoAfter(0) },
        { status: 'succeeded', createdAt: isoAfter(1_000) },
      ]);
      const [aliceOtherOk] = await seedPayments(store, aliceOther, [
        { status: 'succeeded', createdAt: isoAfter(2_000) },
      ]);
      const [bobOk] = await seedPayments(store, bobOrder, [
        { status: 'succeeded', createdAt: isoAfter(3_000) },
      ]);
      const list = (filter: PaymentFilter) =>
        store().payments.list(filter, { kind: 'cursor', after: null, limit: 10 });

      expect(ids(await list({ customerId: 'cus_alice' }))).toEqual(
        ids([aliceOtherOk, aliceOk, aliceFailed]),
      );
      expect(ids(await list({ orderId: aliceOrder.id }))).toEqual(ids([aliceOk, aliceFailed]));
      expect(ids(await list({ status: 'succeeded' }))).toEqual(ids([bobOk, aliceOtherOk, aliceOk]));
      expect(
        ids(await list({ customerId: 'cus_alice', orderId: aliceOrder.id, status: 'succeeded' })),
      ).toEqual([aliceOk.id]);
      expect(await list({ customerId: 'cus_bob', orderId: aliceOrder.id })).toEqual([]);
    });
  });
}
