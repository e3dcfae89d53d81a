import { CommerceError } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { admin, alice, as, openHarness, sampleItems } from '../support/harness.js';

type Commerce = Awaited<ReturnType<typeof openHarness>>['commerce'];
type BadCall = [name: string, field: string, call: (c: Commerce) => Promise<unknown>];

const bad = <T>(value: unknown) => value as T;

const badCalls: BadCall[] = [
  [
    'orders.create: no items',
    'items',
    (c) => c.orders.create(as(alice), { items: [], currency: 'EUR' }),
  ],
  [
    'orders.create: float price',
    'items[0].unitPrice',
    (c) =>
      c.orders.create(as(alice), {
        items: [{ sku: 'a', quantity: 1, unitPrice: 9.99 }],
        currency: 'EUR',
      }),
  ],
  [
    'orders.create: zero quantity',
    'items[0].quantity',
    (c) =>
      c.orders.create(as(alice), {
        items: [{ sku: 'a', quantity: 0, unitPrice: 1 }],
        currency: 'EUR',
      }),
  ],
  [
    'orders.create: unknown currency',
    'currency',
    (c) => c.orders.create(as(alice), { items: sampleItems, currency: 'XYZ' }),
  ],
  [
    'orders.create: wrong types',
    'items',
    (c) => c.orders.create(as(alice), bad({ items: 'many', currency: 'EUR' })),
  ],
  ['orders.create: not an object', 'request', (c) => c.orders.create(as(alice), bad(null))],
  [
    'orders.create: total too large',
    'items',
    (c) =>
      c.orders.create(as(alice), {
        items: [{ sku: 'a', quantity: 10_000, unitPrice: 1_000_000_000_000 }],
        currency: 'EUR',
      }),
  ],
  [
    'orders.create: admin without customer',
    'customerId',
    (c) => c.orders.create(as(admin), { items: sampleItems, currency: 'EUR' }),
  ],
  [
    'orders.create: bad idempotency key',
    'idempotencyKey',
    (c) => c.orders.create(as(alice), { items: sampleItems, currency: 'EUR' }, 'has space'),
  ],
  ['orders.get: malformed id', 'id', (c) => c.orders.get(as(alice), 'nope')],
  ['orders.list: limit too big', 'limit', (c) => c.orders.list(as(alice), { limit: 5_000 })],
  ['orders.list: bad status', 'status', (c) => c.orders.list(as(alice), bad({ status: 'lost' }))],
  [
    'orders.list: page and cursor',
    'page',
    (c) => c.orders.list(as(alice), { page: 2, cursor: 'x' }),
  ],
  [
    'orders.replace: no version',
    'expectedVersion',
    (c) => c.orders.replace(as(alice), 'ord_1', bad({ items: sampleItems, currency: 'EUR' })),
  ],
  [
    'orders.cancel: bad version',
    'expectedVersion',
    (c) => c.orders.cancel(as(alice), 'ord_1', { expectedVersion: 0 }),
  ],
  ['orders.fulfil: malformed id', 'id', (c) => c.orders.fulfil(as(admin), 'x')],
  [
    'orders.lock: ttl too long',
    'ttlSeconds',
    (c) => c.orders.lock(as(alice), 'ord_1', { ttlSeconds: 100_000 }),
  ],
  ['orders.unlock: empty token', 'lockToken', (c) => c.orders.unlock(as(alice), 'ord_1', '')],
  [
    'payments.create: bad method',
    'paymentMethod',
    (c) => c.payments.create(as(alice), bad({ orderId: 'ord_1', paymentMethod: 'cash' })),
  ],
  [
    'payments.create: bad order id',
    'orderId',
    (c) => c.payments.create(as(alice), { orderId: 'pay_1', paymentMethod: 'pm_card_visa' }),
  ],
  ['payments.get: malformed id', 'id', (c) => c.payments.get(as(alice), 'ord_1')],
  [
    'payments.list: bad status',
    'status',
    (c) => c.payments.list(as(alice), bad({ status: 'weird' })),
  ],
  ['payments.refund: malformed id', 'id', (c) => c.payments.refund(as(alice), '')],
  ['payments.cancel: malformed id', 'id', (c) => c.payments.cancel(as(alice), '')],
  ['payments.progress: malformed id', 'id', (c) => c.payments.progress(as(alice), '')],
  [
    'events.list: negative sequence',
    'afterSequence',
    (c) => c.events.list(as(alice), { afterSequence: -1 }),
  ],
  [
    'events.list: unknown type',
    'types[0]',
    (c) => c.events.list(as(alice), bad({ types: ['order.exploded'] })),
  ],
  [
    'events.poll: bad order id',
    'orderId',
    (c) => c.events.poll(as(alice), { orderId: 'x', waitMs: 10 }),
  ],
];

describe('bad input to every core operation', () => {
  it.each(badCalls)('%s → invalid_argument on %s', async (_name, field, call) => {
    await using h = await openHarness();
    const error = await call(h.commerce).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommerceError);
    expect(error).toMatchObject({ code: 'invalid_argument' });
    const violations = (error as CommerceError).details.fieldViolations ?? [];
    expect(violations.map((v) => v.field)).toContain(field);
    for (const v of violations) expect(v.description).not.toBe('');
  });

  it('a subscription with bad input fails with invalid_argument before yielding', async () => {
    await using h = await openHarness();
    const iterator = h.commerce.events.subscribe(as(alice), bad({ types: ['nope'] }));
    await expect(iterator.next()).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});
