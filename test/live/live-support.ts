import { createContext } from '@commerce/core';
import { keys } from '../support/keys.js';
import type { TestServer } from '../support/test-server.js';

const items = [{ sku: 'sku-book', quantity: 1, unitPrice: 500 }];

/** Creates one order for the customer of `apiKey` (in process: the producer is not under test). */
export async function createOrder(t: TestServer, apiKey: string): Promise<string> {
  const { commerce } = t.server;
  const ctx = createContext({ principal: await commerce.auth.authenticate(apiKey) });
  const { value } = await commerce.orders.create(ctx, { items, currency: 'EUR' });
  return value.id;
}

/** Cancels an order as the customer of `apiKey`. */
export async function cancelOrder(t: TestServer, apiKey: string, orderId: string): Promise<void> {
  const { commerce } = t.server;
  const ctx = createContext({ principal: await commerce.auth.authenticate(apiKey) });
  await commerce.orders.cancel(ctx, orderId);
}

/**
 * Writes `orders` orders for alice and bob in turn, cancelling every third, pausing a few ms
 * between writes so readers see them arrive live. Resolves with the log's head afterwards.
 */
export async function produce(t: TestServer, orders: number): Promise<number> {
  for (let i = 0; i < orders; i++) {
    const key = i % 2 === 0 ? keys.alice : keys.bob;
    const id = await createOrder(t, key);
    if (i % 3 === 0) await cancelOrder(t, key, id);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const { commerce } = t.server;
  const ctx = createContext({ principal: await commerce.auth.authenticate(keys.admin) });
  return (await commerce.events.list(ctx, { limit: 1_000 })).nextSequence;
}

export const sequenceTo = (head: number): number[] => Array.from({ length: head }, (_, i) => i + 1);
