import { createContext, type Principal } from '@commerce/core';
import { EventSource } from 'eventsource';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventView } from '../clients/api-client.js';
import { watchOverWs } from '../clients/graphql-client.js';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { gql, ITEMS } from './graphql-kit.js';

const alice: Principal = { id: 'test-alice', role: 'customer', customerId: 'cus_alice' };
const bob: Principal = { id: 'test-bob', role: 'customer', customerId: 'cus_bob' };

describe('GraphQL subscriptions over a real server', () => {
  let server: TestServer;
  let wsUrl: string;
  const createdBy = async (principal: Principal) => {
    const ctx = createContext({ principal });
    return (await server.server.commerce.orders.create(ctx, { items: ITEMS, currency: 'EUR' }))
      .value;
  };

  beforeAll(async () => {
    server = await startTestServer();
    wsUrl = `${server.url.replace(/^http/, 'ws')}/graphql`;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('graphql-ws delivers events of a core write, live', async () => {
    const head = await server.server.commerce.store.events.head();
    const received = watchOverWs(
      wsUrl,
      keys.alice,
      { afterSequence: head },
      (r) => r.length >= 1,
      5_000,
    );
    const order = await createdBy(alice);
    expect(await received).toEqual([
      {
        sequence: head + 1,
        type: 'order.created',
        orderId: order.id,
        paymentId: null,
        customerId: 'cus_alice',
      },
    ]);
  });

  it('SSE (Accept: text/event-stream) delivers events of a core write, live', async () => {
    const head = await server.server.commerce.store.events.head();
    const query = `subscription { events(afterSequence: ${head}, types: [ORDER_CREATED]) { sequence type orderId } }`;
    const source = new EventSource(`${server.url}/graphql?query=${encodeURIComponent(query)}`, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...init?.headers, authorization: `Bearer ${keys.alice}` },
        }),
    });
    const first = new Promise<unknown>((resolve, reject) => {
      source.addEventListener('next', (event) => resolve(JSON.parse(event.data)));
      source.addEventListener('error', reject);
    });
    try {
      const order = await createdBy(alice);
      expect(await first).toEqual({
        data: { events: { sequence: head + 1, type: 'ORDER_CREATED', orderId: order.id } },
      });
    } finally {
      source.close();
    }
  });

  it('resumes from a sequence with no gaps and no repeats', async () => {
    const order = await createdBy(alice);
    const ctx = createContext({ principal: alice });
    await server.server.commerce.orders.replace(ctx, order.id, {
      items: ITEMS,
      currency: 'USD',
      expectedVersion: 1,
    });
    await server.server.commerce.orders.cancel(ctx, order.id);
    const all = await watchOverWs(
      wsUrl,
      keys.alice,
      { orderId: order.id },
      (r) => r.length >= 3,
      5_000,
    );
    const first = all[0] as EventView;
    const resumed = await watchOverWs(
      wsUrl,
      keys.alice,
      { orderId: order.id, afterSequence: first.sequence },
      (r) => r.length >= 2,
      5_000,
    );
    expect(resumed).toEqual(all.slice(1));
    expect(all.map((e) => e.type)).toEqual(['order.created', 'order.updated', 'order.cancelled']);
  });

  it("a customer key sees neither another customer's orders nor their events", async () => {
    const head = await server.server.commerce.store.events.head();
    const bobsOrder = await createdBy(bob);
    const mine = await createdBy(alice);
    const seen = await watchOverWs(
      wsUrl,
      keys.alice,
      { afterSequence: head },
      (r) => r.length >= 1,
      5_000,
    );
    expect(seen.map((e) => e.orderId)).toEqual([mine.id]);
    const denied = await watchOverWs(
      wsUrl,
      keys.alice,
      { orderId: bobsOrder.id },
      () => true,
      1_000,
    ).catch((error: unknown) => error);
    expect(denied).toMatchObject({ code: 'deadline_exceeded' });

    const read = await gql(server.url, keys.alice, `query($id: ID!) { order(id: $id) { id } }`, {
      id: bobsOrder.id,
    });
    expect(read.errors?.[0]?.extensions?.code).toBe('PERMISSION_DENIED');
    const list = await gql<{ orders: { nodes: { id: string }[] } }>(
      server.url,
      keys.alice,
      `{ orders(first: 100) { nodes { id } } }`,
    );
    expect(list.data?.orders.nodes.map((o) => o.id)).not.toContain(bobsOrder.id);
    const other = await gql(
      server.url,
      keys.alice,
      `{ orders(customerId: "cus_bob") { nodes { id } } }`,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('PERMISSION_DENIED');
  });

  it('graphql-ws closes a connection with a bad key with 4403 Forbidden', async () => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer sk_wrong' },
      retryAttempts: 0,
      lazy: false,
    });
    const closed = await new Promise<unknown>((resolve) => {
      client.on('closed', resolve);
    });
    await client.dispose();
    expect(closed).toMatchObject({ code: 4403 });
  });

  it('graphql-ws reports a bad subscription argument as INVALID_ARGUMENT', async () => {
    const error = await watchOverWs(
      wsUrl,
      keys.alice,
      { afterSequence: -1 },
      () => true,
      2_000,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_argument' });
  });
});
