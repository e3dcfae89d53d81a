import { createContext } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { gql } from './graphql-kit.js';
import { serveYoga } from './in-process-yoga.js';
import { countingStore } from './store-proxies.js';

const LIST = `{
  orders(first: 100) {
    nodes { id payments { id status order { id payments { id } } } }
  }
  events(first: 1000) { events { sequence order { id } payment { id order { id } } } }
}`;

/** Store calls made while listing `n` orders of one customer, each with one payment. */
async function storeCallsFor(n: number): Promise<Map<string, number>> {
  let counted: ReturnType<typeof countingStore> | undefined;
  await using served = await serveYoga({
    // This query is deliberately wide; the default cost limit would refuse it.
    limits: { maxCost: 100_000 },
    wrapStore: (store) => {
      counted = countingStore(store);
      return counted.store;
    },
  });
  const ctx = createContext({
    principal: { id: 'seed', role: 'customer', customerId: 'cus_alice' },
  });
  for (let i = 0; i < n; i++) {
    const { value: order } = await served.commerce.orders.create(ctx, {
      items: [{ sku: `sku-${i}`, quantity: 1, unitPrice: 100 }],
      currency: 'EUR',
    });
    await served.commerce.payments.create(ctx, {
      orderId: order.id,
      paymentMethod: 'pm_card_slow',
    });
  }
  counted?.calls.clear();
  const reply = await gql<{ orders: { nodes: { payments: unknown[] }[] } }>(
    served.url,
    keys.alice,
    LIST,
  );
  expect(reply.errors).toBeUndefined();
  expect(reply.data?.orders.nodes).toHaveLength(n);
  expect(reply.data?.orders.nodes.every((o) => o.payments.length === 1)).toBe(true);
  return new Map(counted?.calls);
}

describe('DataLoader batching', () => {
  it('lists 100 orders with their payments (and events with both) in as many store calls as 3', async () => {
    const few = await storeCallsFor(3);
    const many = await storeCallsFor(100);
    expect(Object.fromEntries(many)).toEqual(Object.fromEntries(few));
    // authenticate, the order page, one payments batch, the event page, one payments-by-id batch
    expect([...many.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6);
  });
});
