import type { ErrorCode } from '@commerce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, ApiError, type ScenarioTarget } from '../clients/api-client.js';
import { keys } from '../support/keys.js';
import { targets } from './targets.js';

const items = [
  { sku: 'sku-book', quantity: 2, unitPrice: 1250 },
  { sku: 'sku-pen', quantity: 1, unitPrice: 300 },
];

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  return error as ApiError;
}

describe.each(targets)('scenarios over %s', (_name, open) => {
  let target: ScenarioTarget;
  let alice: ApiClient;
  let bob: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    target = await open();
    [alice, bob, admin] = await Promise.all([
      target.clients.connect(keys.alice),
      target.clients.connect(keys.bob),
      target.clients.connect(keys.admin),
    ]);
  });
  afterAll(async () => {
    await Promise.all([alice, bob, admin].map((c) => c?.close()));
    await target?.[Symbol.asyncDispose]();
  });

  it('creates an order and reads back the same fields', async () => {
    const { order, replayed } = await alice.createOrder({ items, currency: 'EUR' });
    expect(replayed).toBe(false);
    expect(order).toMatchObject({
      customerId: 'cus_alice',
      amount: 2800,
      currency: 'EUR',
      status: 'pending',
      version: 1,
      items,
    });
    expect(order.id).toMatch(/^ord_/);
    expect(await alice.getOrder(order.id)).toEqual(order);
    expect(await admin.getOrder(order.id)).toEqual(order);
  });

  it('replays a create with the same idempotency key and refuses a different body', async () => {
    const key = `scenario-${Math.random()}`;
    const first = await alice.createOrder({ items, currency: 'EUR' }, { idempotencyKey: key });
    const again = await alice.createOrder({ items, currency: 'EUR' }, { idempotencyKey: key });
    expect(again).toEqual({ order: first.order, replayed: true });
    await expectCode(
      alice.createOrder({ items, currency: 'USD' }, { idempotencyKey: key }),
      'idempotency_key_reused',
    );
  });

  it('pages through a customer’s orders with cursors, each once', async () => {
    for (let i = 0; i < 5; i++) await bob.createOrder({ items, currency: 'GBP' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await bob.listOrders({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.orders.length).toBeLessThanOrEqual(2);
      seen.push(...page.orders.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await admin.listOrders({ customerId: 'cus_bob', limit: 100 });
    expect(all.orders.map((o) => o.id)).toEqual(seen);
  });

  it('updates with a precondition and refuses a stale version', async () => {
    const { order } = await alice.createOrder({ items, currency: 'EUR' });
    const replaced = await alice.replaceOrder(order.id, {
      items: [{ sku: 'sku-mug', quantity: 1, unitPrice: 900 }],
      currency: 'EUR',
      expectedVersion: 1,
    });
    expect(replaced).toMatchObject({ version: 2, amount: 900 });
    await expectCode(
      alice.replaceOrder(order.id, { items, currency: 'EUR', expectedVersion: 1 }),
      'version_mismatch',
    );
  });

  it('locks an order: writes without the token are refused, the holder writes and releases', async () => {
    const { order } = await alice.createOrder({ items, currency: 'EUR' });
    const lock = await alice.lockOrder(order.id, 30);
    expect(Date.parse(lock.expiresAt)).toBeGreaterThan(Date.now());
    await expectCode(alice.cancelOrder(order.id), 'locked');
    await expectCode(alice.lockOrder(order.id), 'locked');
    const updated = await alice.replaceOrder(order.id, {
      items,
      currency: 'EUR',
      expectedVersion: 1,
      lockToken: lock.token,
    });
    expect(updated.version).toBe(2);
    const relocked = await alice.lockOrder(order.id);
    await alice.unlockOrder(order.id, relocked.token);
    expect((await alice.cancelOrder(order.id)).status).toBe('cancelled');
  });

  it('pays asynchronously, streams the events, and refunds', async () => {
    const { order } = await alice.createOrder({ items, currency: 'EUR' });
    const watching = alice.watchEvents({ orderId: order.id }, (received) =>
      received.some((e) => e.type === 'order.updated'),
    );
    const { payment } = await alice.createPayment({
      orderId: order.id,
      paymentMethod: 'pm_card_visa',
    });
    expect(payment).toMatchObject({ status: 'processing', orderId: order.id, amount: 2800 });
    const events = await watching;
    expect(
      events.map((e) => e.type),
      JSON.stringify(events),
    ).toEqual(['order.created', 'payment.processing', 'payment.succeeded', 'order.updated']);
    expect(events.every((e) => e.orderId === order.id && e.customerId === 'cus_alice')).toBe(true);
    const sequences = events.map((e) => e.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect((await alice.getPayment(payment.id)).status).toBe('succeeded');
    expect((await alice.getOrder(order.id)).status).toBe('paid');

    const refund = await alice.refundPayment(payment.id, {
      idempotencyKey: `refund-${payment.id}`,
    });
    expect(refund.payment.status).toBe('refunded');
    await expectCode(alice.refundPayment(payment.id), 'invalid_state');
  });

  it('answers each error with its stable code', async () => {
    const { order } = await alice.createOrder({ items, currency: 'EUR' });
    const stranger = await target.clients.connect('sk_test_nobody');
    await expectCode(stranger.getOrder(order.id), 'unauthenticated');
    await stranger.close();
    await expectCode(bob.getOrder(order.id), 'permission_denied');
    await expectCode(alice.getOrder('ord_00000000000000000000000000'), 'not_found');
    await expectCode(alice.createOrder({ items, currency: 'XYZ' }), 'invalid_argument');
    await alice.cancelOrder(order.id);
    await expectCode(alice.cancelOrder(order.id), 'invalid_state');
    await expectCode(
      alice.createPayment({ orderId: order.id, paymentMethod: 'pm_card_visa' }),
      'invalid_state',
    );
  });
});
