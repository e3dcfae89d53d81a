import { describe, expect, it } from 'vitest';
import type { DomainEvent, NewEvent } from '../../domain/event.js';
import type { EventFilter } from '../../ports/store.js';
import { makeOrder, makeOrderEvent, makePayment, makePaymentEvent } from '../fixtures.js';
import { type CurrentStore, oneTo } from './support.js';

/** Appends the events in order (outside a transaction) and returns them as stored. */
async function appendAll(store: CurrentStore, events: readonly NewEvent[]): Promise<DomainEvent[]> {
  const stored: DomainEvent[] = [];
  for (const event of events) stored.push(await store().events.append(event));
  return stored;
}

const sequences = (events: readonly DomainEvent[]): number[] =>
  events.map((event) => event.sequence);

/** Event log: gap-free sequences, ordered replay with filters and limits, and the head. */
export function describeEventLog(store: CurrentStore): void {
  describe('event log', () => {
    it('is empty at first: head is 0 and nothing is read', async () => {
      expect(await store().events.head()).toBe(0);
      expect(await store().events.readAfter(0, {}, 10)).toEqual([]);
    });

    it('assigns sequences 1, 2, 3… and stores each event unchanged', async () => {
      const order = makeOrder();
      const payment = makePayment(order);
      const newEvents = [
        makeOrderEvent(order),
        makePaymentEvent(payment),
        makeOrderEvent({ ...order, status: 'paid', version: 2 }, { type: 'order.updated' }),
      ];
      const stored = await appendAll(store, newEvents);
      expect(stored).toEqual(newEvents.map((event, i) => ({ ...event, sequence: i + 1 })));
      expect(await store().events.readAfter(0, {}, 10)).toEqual(stored);
      expect(await store().events.head()).toBe(3);
    });

    it('reads strictly after a sequence, ascending, at most `limit`', async () => {
      const order = makeOrder();
      await appendAll(
        store,
        oneTo(5).map(() => makeOrderEvent(order)),
      );
      expect(sequences(await store().events.readAfter(2, {}, 10))).toEqual([3, 4, 5]);
      expect(sequences(await store().events.readAfter(0, {}, 2))).toEqual([1, 2]);
      expect(sequences(await store().events.readAfter(3, {}, 1))).toEqual([4]);
      expect(await store().events.readAfter(5, {}, 10)).toEqual([]);
    });

    it('filters by customer, order and types, applying the limit to matching events', async () => {
      const aliceOrder = makeOrder({ customerId: 'cus_alice' });
      const aliceOther = makeOrder({ customerId: 'cus_alice' });
      const bobOrder = makeOrder({ customerId: 'cus_bob' });
      const bobPayment = makePayment(bobOrder);
      await appendAll(store, [
        makeOrderEvent(aliceOrder), // 1
        makeOrderEvent(aliceOther), // 2
        makeOrderEvent(bobOrder), // 3
        makePaymentEvent(bobPayment), // 4
        makeOrderEvent(aliceOrder, { type: 'order.cancelled' }), // 5
        makePaymentEvent(bobPayment, { type: 'payment.succeeded' }), // 6
      ]);
      const read = async (after: number, filter: EventFilter, limit = 10) =>
        sequences(await store().events.readAfter(after, filter, limit));

      expect(await read(0, { customerId: 'cus_alice' })).toEqual([1, 2, 5]);
      expect(await read(0, { customerId: 'cus_bob' }, 2)).toEqual([3, 4]);
      expect(await read(3, { customerId: 'cus_bob' }, 1)).toEqual([4]);
      expect(await read(0, { orderId: aliceOrder.id })).toEqual([1, 5]);
      expect(await read(0, { types: ['order.cancelled', 'payment.succeeded'] })).toEqual([5, 6]);
      expect(await read(0, { types: ['payment.processing'] })).toEqual([4]);
      expect(await read(0, { customerId: 'cus_alice', types: ['order.created'] })).toEqual([1, 2]);
      expect(
        await read(1, {
          customerId: 'cus_alice',
          orderId: aliceOrder.id,
          types: ['order.created'],
        }),
      ).toEqual([]);
      expect(await read(0, { customerId: 'cus_nobody' })).toEqual([]);
    });

    it('head is the highest sequence, whatever the filters of readers', async () => {
      await appendAll(store, [makeOrderEvent(makeOrder({ customerId: 'cus_bob' }))]);
      expect(await store().events.head()).toBe(1);
      expect(await store().events.readAfter(0, { customerId: 'cus_alice' }, 10)).toEqual([]);
    });
  });
}
