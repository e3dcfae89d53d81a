import type { Repositories, Store } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { admin, alice, as, bob, openHarness, sampleItems } from '../support/harness.js';

describe('event log', () => {
  it('stays gap-free and ordered under concurrent writers, one event per committed change', async () => {
    await using h = await openHarness();
    const writers = Array.from({ length: 30 }, async (_, i) => {
      const who = i % 2 === 0 ? alice : bob;
      const { value: order } = await h.commerce.orders.create(as(who), {
        items: sampleItems,
        currency: 'EUR',
      });
      if (i % 3 === 0) await h.commerce.orders.cancel(as(who), order.id);
      return order.id;
    });
    const ids = await Promise.all(writers);
    const { events } = await h.commerce.events.list(as(admin), { limit: 1_000 });
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'order.created')).toHaveLength(30);
    expect(events.filter((e) => e.type === 'order.cancelled')).toHaveLength(10);
    for (const id of ids) {
      const created = events.find((e) => e.orderId === id && e.type === 'order.created');
      expect(created?.data.order?.id).toBe(id);
    }
  });

  it('appends nothing for a change that did not commit', async () => {
    let failNextCompletion = false;
    // Fails the transaction after the order and its event were written inside it.
    const faulty = (store: Store): Store => ({
      ...store,
      transaction: (work) =>
        store.transaction((tx) => {
          const idempotency: Repositories['idempotency'] = {
            ...tx.idempotency,
            complete: async (...args) => {
              if (failNextCompletion) {
                failNextCompletion = false;
                throw new Error('injected failure after the event was appended');
              }
              return tx.idempotency.complete(...args);
            },
          };
          return work({ ...tx, idempotency });
        }),
    });
    await using h = await openHarness({ wrapStore: faulty });
    failNextCompletion = true;
    await expect(
      h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' }, 'k-fail'),
    ).rejects.toThrow('injected failure');
    expect((await h.commerce.orders.list(as(alice))).items).toHaveLength(0);
    expect((await h.commerce.events.list(as(admin))).events).toHaveLength(0);

    // The key was released with the rollback, so the retry runs and takes sequence 1: no gap.
    const retry = await h.commerce.orders.create(
      as(alice),
      { items: sampleItems, currency: 'EUR' },
      'k-fail',
    );
    const { events } = await h.commerce.events.list(as(admin));
    expect(events.map((e) => [e.sequence, e.orderId])).toEqual([[1, retry.value.id]]);
  });

  it('appends nothing for a rejected write', async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    await expect(
      h.commerce.orders.replace(as(alice), order.id, {
        items: sampleItems,
        currency: 'EUR',
        expectedVersion: 7,
      }),
    ).rejects.toMatchObject({ code: 'version_mismatch' });
    expect((await h.commerce.events.list(as(admin))).events).toHaveLength(1);
  });

  it('replays from a sequence then follows live, scoped to the caller', async () => {
    await using h = await openHarness();
    const { value: first } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    await h.commerce.orders.create(as(bob), { items: sampleItems, currency: 'EUR' });
    const controller = new AbortController();
    const received: number[] = [];
    const reading = (async () => {
      for await (const event of h.commerce.events.subscribe(as(alice, controller.signal))) {
        expect(event.customerId).toBe('cus_alice');
        received.push(event.sequence);
        if (received.length === 3) controller.abort();
      }
    })();
    await h.commerce.orders.cancel(as(alice), first.id);
    await h.commerce.orders.create(as(bob), { items: sampleItems, currency: 'EUR' });
    await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
    await reading;
    expect(received).toEqual([1, 3, 5]);
  });

  it('long-polls: returns as soon as a matching event commits', async () => {
    await using h = await openHarness();
    const head = (await h.commerce.events.list(as(alice))).nextSequence;
    const polling = h.commerce.events.poll(as(alice), { afterSequence: head, waitMs: 5_000 });
    await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
    const batch = await polling;
    expect(batch.events.map((e) => e.type)).toEqual(['order.created']);
    const empty = await h.commerce.events.poll(as(alice), {
      afterSequence: batch.nextSequence,
      waitMs: 50,
    });
    expect(empty).toEqual({ events: [], nextSequence: batch.nextSequence });
  });
});
