import { describe, expect, it } from 'vitest';
import type { Order } from '../../domain/order.js';
import {
  isoAfter,
  makeApiKey,
  makeIdempotencyRecord,
  makeJob,
  makeLock,
  makeOrder,
  makeOrderEvent,
  makePayment,
  makePaymentEvent,
  T0,
} from '../fixtures.js';
import { type CurrentStore, gate, oneTo, yieldToOthers } from './support.js';

const firstPage = { kind: 'cursor', after: null, limit: 10 } as const;

/** Transactions: atomic commit and rollback, serialization, and isolation of uncommitted writes. */
export function describeTransactions(store: CurrentStore): void {
  describe('transactions', () => {
    it('commits every write together and returns the result of the work', async () => {
      const order = makeOrder();
      const job = makeJob();
      const result = await store().transaction(async (tx) => {
        await tx.orders.insert(order);
        await tx.jobs.enqueue(job);
        const event = await tx.events.append(makeOrderEvent(order));
        return { sequence: event.sequence };
      });
      expect(result).toEqual({ sequence: 1 });
      expect(await store().orders.get(order.id)).toEqual(order);
      expect((await store().jobs.get(job.id))?.status).toBe('queued');
      expect(await store().events.head()).toBe(1);
    });

    it('sees its own uncommitted writes inside the transaction', async () => {
      const order = makeOrder();
      await store().transaction(async (tx) => {
        await tx.orders.insert(order);
        await tx.events.append(makeOrderEvent(order));
        expect(await tx.orders.get(order.id)).toEqual(order);
        expect(await tx.orders.list({}, firstPage)).toEqual([order]);
        expect(await tx.events.head()).toBe(1);
      });
    });

    it('rolls back every write when the work throws, and rethrows its error', async () => {
      const existing = makeOrder();
      await store().orders.insert(existing);
      await store().events.append(makeOrderEvent(existing));

      const order = makeOrder();
      const payment = makePayment(order);
      const job = makeJob();
      const claim = makeIdempotencyRecord();
      const lock = makeLock();
      const apiKey = makeApiKey();
      const failure = new Error('work failed');
      await expect(
        store().transaction(async (tx) => {
          await tx.orders.insert(order);
          await tx.payments.insert(payment);
          await tx.orders.update({ ...existing, status: 'paid', version: 2 }, 1);
          await tx.events.append(makeOrderEvent(order));
          await tx.events.append(makePaymentEvent(payment));
          await tx.jobs.enqueue(job);
          await tx.idempotency.acquire(claim, T0);
          await tx.locks.acquire(lock, T0);
          await tx.apiKeys.upsert(apiKey);
          throw failure;
        }),
      ).rejects.toBe(failure);

      expect(await store().orders.get(order.id)).toBeNull();
      expect(await store().orders.get(existing.id)).toEqual(existing);
      expect(await store().payments.get(payment.id)).toBeNull();
      expect(await store().events.head()).toBe(1);
      expect(await store().events.readAfter(0, {}, 10)).toHaveLength(1);
      expect(await store().jobs.get(job.id)).toBeNull();
      expect(await store().jobs.counts()).toEqual({ queued: 0, running: 0, dead: 0 });
      expect(await store().locks.get(lock.resource, T0)).toBeNull();
      expect(await store().apiKeys.findByHash(apiKey.keyHash)).toBeNull();
      // Absent claim: acquiring the same key stores it instead of returning a live record.
      expect(await store().idempotency.acquire(claim, T0)).toBeNull();
    });

    it('reuses the sequence of a rolled-back append, so the log has no gap', async () => {
      const order = makeOrder();
      await store().events.append(makeOrderEvent(order));
      await expect(
        store().transaction(async (tx) => {
          expect((await tx.events.append(makeOrderEvent(order))).sequence).toBe(2);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await store().events.append(makeOrderEvent(order))).sequence).toBe(2);
      const stored = await store().events.readAfter(0, {}, 10);
      expect(stored.map((event) => event.sequence)).toEqual([1, 2]);
    });

    it('serializes concurrent transactions: no lost update, sequences 1..n in commit order', async () => {
      const order = makeOrder();
      await store().orders.insert(order);
      const n = 25;
      const results = await Promise.all(
        oneTo(n).map((i) =>
          store().transaction(async (tx) => {
            const current = await tx.orders.get(order.id);
            if (!current) throw new Error('order vanished');
            // Unserialized transactions would all read the same version here.
            await yieldToOthers();
            const next: Order = {
              ...current,
              version: current.version + 1,
              updatedAt: isoAfter(i),
            };
            const updated = await tx.orders.update(next, current.version);
            await yieldToOthers();
            const event = await tx.events.append(makeOrderEvent(next, { type: 'order.updated' }));
            return { updated, sequence: event.sequence };
          }),
        ),
      );
      expect(results.map((r) => r.updated)).toEqual(oneTo(n).map(() => true));
      expect(results.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(oneTo(n));
      expect((await store().orders.get(order.id))?.version).toBe(n + 1);
      const events = await store().events.readAfter(0, {}, 100);
      expect(events.map((event) => event.sequence)).toEqual(oneTo(n));
      // Each event carries the version its transaction wrote: the log follows commit order.
      expect(events.map((event) => event.data.order?.version)).toEqual(oneTo(n).map((s) => s + 1));
    });

    it('hides a transaction’s writes from readers outside it until it commits', async () => {
      const order = makeOrder();
      const job = makeJob();
      const inside = gate();
      const release = gate();
      const transaction = store().transaction(async (tx) => {
        await tx.orders.insert(order);
        await tx.events.append(makeOrderEvent(order));
        await tx.jobs.enqueue(job);
        inside.open();
        await release.opened;
      });
      await inside.opened;
      let seenWhileOpen: unknown;
      try {
        seenWhileOpen = {
          order: await store().orders.get(order.id),
          orders: await store().orders.list({}, firstPage),
          head: await store().events.head(),
          events: await store().events.readAfter(0, {}, 10),
          job: await store().jobs.get(job.id),
        };
      } finally {
        // Commit even when a read fails, so that the store can close.
        release.open();
        await transaction;
      }
      expect(seenWhileOpen).toEqual({ order: null, orders: [], head: 0, events: [], job: null });
      expect(await store().orders.get(order.id)).toEqual(order);
      expect(await store().events.head()).toBe(1);
    });

    it('keeps a write made outside an open transaction when that transaction rolls back', async () => {
      const order = makeOrder();
      const apiKey = makeApiKey();
      const inside = gate();
      const release = gate();
      const transaction = store().transaction(async (tx) => {
        await tx.orders.insert(order);
        inside.open();
        await release.opened;
        throw new Error('roll back');
      });
      await inside.opened;
      const outside = store().apiKeys.upsert(apiKey);
      release.open();
      await expect(transaction).rejects.toThrow('roll back');
      await outside;
      expect(await store().apiKeys.findByHash(apiKey.keyHash)).toEqual(apiKey);
      expect(await store().orders.get(order.id)).toBeNull();
    });

    it('answers ping', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });
  });
}
