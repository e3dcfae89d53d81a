import { CommerceError, type Order } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { alice, as, bob, manualClock, openHarness, sampleItems } from '../support/harness.js';

/** Creates with `key`, retrying while the first call with the same key is still in flight, as a client would. */
async function createRetrying(
  run: () => Promise<{ value: Order; replayed: boolean }>,
): Promise<{ value: Order; replayed: boolean; inProgressSeen: number }> {
  let inProgressSeen = 0;
  for (;;) {
    try {
      return { ...(await run()), inProgressSeen };
    } catch (error) {
      if (!(error instanceof CommerceError) || error.code !== 'idempotency_in_progress')
        throw error;
      inProgressSeen++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe('idempotent create', () => {
  it('runs N concurrent creates with one key exactly once and gives every caller the same order', async () => {
    await using h = await openHarness();
    const input = { items: sampleItems, currency: 'EUR' };
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        createRetrying(() => h.commerce.orders.create(as(alice), input, 'key-1')),
      ),
    );
    const ids = new Set(results.map((r) => r.value.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    for (const r of results) expect(r.value).toEqual(results[0]?.value);
    const listed = await h.commerce.orders.list(as(alice));
    expect(listed.items).toHaveLength(1);
    const events = await h.commerce.events.list(as(alice));
    expect(events.events.filter((e) => e.type === 'order.created')).toHaveLength(1);
  });

  it('rejects the same key with a different request as idempotency_key_reused', async () => {
    await using h = await openHarness();
    await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' }, 'key-2');
    await expect(
      h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'USD' }, 'key-2'),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('treats equal requests with a different key order as the same request', async () => {
    await using h = await openHarness();
    const first = await h.commerce.orders.create(
      as(alice),
      { items: sampleItems, currency: 'EUR' },
      'key-3',
    );
    const again = await h.commerce.orders.create(
      as(alice),
      { currency: 'EUR', items: sampleItems },
      'key-3',
    );
    expect(again).toEqual({ value: first.value, replayed: true });
  });

  it('scopes keys to the principal', async () => {
    await using h = await openHarness();
    const a = await h.commerce.orders.create(
      as(alice),
      { items: sampleItems, currency: 'EUR' },
      'shared',
    );
    const b = await h.commerce.orders.create(
      as(bob),
      { items: sampleItems, currency: 'EUR' },
      'shared',
    );
    expect(b.replayed).toBe(false);
    expect(b.value.id).not.toBe(a.value.id);
    expect(b.value.customerId).toBe('cus_bob');
  });

  it('expires records after the configured time', async () => {
    const clock = manualClock();
    await using h = await openHarness({ clock, settings: { idempotency: { ttlMs: 60_000 } } });
    const first = await h.commerce.orders.create(
      as(alice),
      { items: sampleItems, currency: 'EUR' },
      'k',
    );
    clock.advance(59_000);
    expect(
      (await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' }, 'k'))
        .replayed,
    ).toBe(true);
    clock.advance(2_000);
    const later = await h.commerce.orders.create(
      as(alice),
      { items: sampleItems, currency: 'EUR' },
      'k',
    );
    expect(later.replayed).toBe(false);
    expect(later.value.id).not.toBe(first.value.id);
  });

  it('releases the key when the operation fails, so a retry runs again', async () => {
    await using h = await openHarness();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    await h.commerce.orders.cancel(as(alice), order.id);
    const pay = () =>
      h.commerce.payments.create(
        as(alice),
        { orderId: order.id, paymentMethod: 'pm_card_visa' },
        'pay-1',
      );
    await expect(pay()).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(pay()).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('replays refunds', async () => {
    await using h = await openHarness();
    const worker = h.commerce.createWorker();
    const { value: order } = await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    const { value: payment } = await h.commerce.payments.create(as(alice), {
      orderId: order.id,
      paymentMethod: 'pm_card_visa',
    });
    await worker.drain();
    const first = await h.commerce.payments.refund(as(alice), payment.id, 'refund-1');
    const again = await h.commerce.payments.refund(as(alice), payment.id, 'refund-1');
    expect(first.value.status).toBe('refunded');
    expect(again).toEqual({ value: first.value, replayed: true });
    await expect(
      h.commerce.payments.refund(as(alice), payment.id, 'refund-2'),
    ).rejects.toMatchObject({
      code: 'invalid_state',
    });
  });
});
