import { createContext } from '@commerce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../clients/graphql-client.js';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { CREATE_ORDER, gql, ITEMS } from './graphql-kit.js';

interface OrderView {
  id: string;
  status: string;
  version: number;
  amount: number;
}

describe('GraphQL queries and mutations over a real server', () => {
  let server: TestServer;
  let call: <T>(key: string, query: string, variables?: Record<string, unknown>) => Promise<T>;
  const createOrder = async (key: string = keys.alice) =>
    (
      await call<{ createOrder: { order: OrderView } }>(key, CREATE_ORDER, {
        input: { items: ITEMS, currency: 'EUR' },
      })
    ).createOrder.order;

  beforeAll(async () => {
    server = await startTestServer({ PAYMENT_SLOW_SECONDS: '30' });
    call = (key, query, variables) =>
      postGraphql(`${server.url}/graphql`, key, query, variables ?? {});
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('createOrder creates, and replays with the same idempotency key', async () => {
    const variables = { input: { items: ITEMS, currency: 'EUR' }, key: 'gql-create-1' };
    type Reply = { createOrder: { order: OrderView; replayed: boolean } };
    const first = await call<Reply>(keys.alice, CREATE_ORDER, variables);
    const again = await call<Reply>(keys.alice, CREATE_ORDER, variables);
    expect(first.createOrder).toMatchObject({
      order: { status: 'PENDING', version: 1, amount: 2800 },
      replayed: false,
    });
    expect(again.createOrder).toEqual({ order: first.createOrder.order, replayed: true });
  });

  it('order, orders (a Relay connection) and their payments', async () => {
    const order = await createOrder(keys.bob);
    await createOrder(keys.bob);
    await createOrder(keys.bob);
    const one = await call<{ order: { id: string; items: unknown[]; payments: unknown[] } }>(
      keys.bob,
      `query($id: ID!) { order(id: $id) { id items { sku quantity unitPrice } payments { id } } }`,
      { id: order.id },
    );
    expect(one.order).toEqual({ id: order.id, items: ITEMS, payments: [] });

    type Page = {
      orders: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean };
      };
    };
    const page = `query($after: String) { orders(first: 2, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const first = await call<Page>(keys.bob, page);
    expect(first.orders.edges).toHaveLength(2);
    expect(first.orders.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.orders.pageInfo.endCursor).toBe(first.orders.edges[1]?.cursor);
    const second = await call<Page>(keys.bob, page, { after: first.orders.pageInfo.endCursor });
    expect(second.orders.edges.map((e) => e.node.id)).toEqual([order.id]);
    expect(second.orders.pageInfo.hasNextPage).toBe(false);
  });

  it('replaceOrder, lockOrder, unlockOrder and cancelOrder', async () => {
    const order = await createOrder();
    const replaced = await call<{ replaceOrder: OrderView }>(
      keys.alice,
      `mutation($id: ID!) { replaceOrder(id: $id, expectedVersion: 1,
        input: { items: [{ sku: "sku-mug", quantity: 1, unitPrice: 900 }], currency: "EUR" }) {
        id version amount } }`,
      { id: order.id },
    );
    expect(replaced.replaceOrder).toMatchObject({ version: 2, amount: 900 });
    const { lockOrder } = await call<{ lockOrder: { orderId: string; token: string } }>(
      keys.alice,
      `mutation($id: ID!) { lockOrder(id: $id, ttlSeconds: 30) { orderId token expiresAt } }`,
      { id: order.id },
    );
    expect(lockOrder.orderId).toBe(order.id);
    const unlocked = await call<{ unlockOrder: boolean }>(
      keys.alice,
      `mutation($id: ID!, $token: String!) { unlockOrder(id: $id, lockToken: $token) }`,
      { id: order.id, token: lockOrder.token },
    );
    expect(unlocked.unlockOrder).toBe(true);
    const cancelled = await call<{ cancelOrder: OrderView }>(
      keys.alice,
      `mutation($id: ID!) { cancelOrder(id: $id, expectedVersion: 2) { status version } }`,
      { id: order.id },
    );
    expect(cancelled.cancelOrder).toEqual({ status: 'CANCELLED', version: 3 });
  });

  it('createPayment, payment → order, events, refundPayment and fulfillOrder', async () => {
    const order = await createOrder();
    const { createPayment } = await call<{ createPayment: { payment: { id: string } } }>(
      keys.alice,
      `mutation($orderId: ID!) { createPayment(input: { orderId: $orderId, paymentMethod: PM_CARD_VISA },
        idempotencyKey: "gql-pay-1") { payment { id status order { id } } replayed } }`,
      { orderId: order.id },
    );
    expect(createPayment).toMatchObject({
      payment: { status: 'PROCESSING', order: { id: order.id } },
      replayed: false,
    });
    const paymentId = createPayment.payment.id;
    await server.server.commerce.payments.waitForOutcome(
      createContext({ principal: { id: 'test', role: 'admin', customerId: null } }),
      paymentId,
      5_000,
    );
    const events = await call<{
      events: {
        events: { type: string; order: { status: string }; payment: { id: string } | null }[];
      };
    }>(
      keys.alice,
      `query($orderId: ID!) { events(orderId: $orderId) { events { type order { status } payment { id } } nextSequence } }`,
      { orderId: order.id },
    );
    expect(events.events.events.map((e) => e.type)).toEqual([
      'ORDER_CREATED',
      'PAYMENT_PROCESSING',
      'PAYMENT_SUCCEEDED',
      'ORDER_UPDATED',
    ]);
    expect(events.events.events[1]).toMatchObject({
      order: { status: 'PAID' },
      payment: { id: paymentId },
    });

    const fulfilled = await call<{ fulfillOrder: { status: string } }>(
      keys.admin,
      `mutation($id: ID!) { fulfillOrder(id: $id) { status } }`,
      { id: order.id },
    );
    expect(fulfilled.fulfillOrder.status).toBe('FULFILLED');
    const refunded = await call<{ refundPayment: { payment: { status: string } } }>(
      keys.alice,
      `mutation($id: ID!) { refundPayment(id: $id, idempotencyKey: "gql-refund-1") { payment { status } replayed } }`,
      { id: paymentId },
    );
    expect(refunded.refundPayment).toEqual({ payment: { status: 'REFUNDED' }, replayed: false });
    const payments = await call<{ payments: { nodes: { id: string }[] } }>(
      keys.alice,
      `query($orderId: ID!) { payments(orderId: $orderId) { nodes { id } } }`,
      { orderId: order.id },
    );
    expect(payments.payments.nodes).toEqual([{ id: paymentId }]);
  });

  it('cancelPayment stops a processing payment; paymentProgress reports its job', async () => {
    const order = await createOrder();
    const { createPayment } = await call<{ createPayment: { payment: { id: string } } }>(
      keys.alice,
      `mutation($orderId: ID!) { createPayment(input: { orderId: $orderId, paymentMethod: PM_CARD_SLOW }) { payment { id } } }`,
      { orderId: order.id },
    );
    const id = createPayment.payment.id;
    const progress = await call<{ paymentProgress: { status: string } }>(
      keys.alice,
      `query($id: ID!) { paymentProgress(paymentId: $id) { jobId status attempts percent message } }`,
      { id },
    );
    expect(['QUEUED', 'RUNNING']).toContain(progress.paymentProgress.status);
    const cancelled = await call<{ cancelPayment: { jobId: string } }>(
      keys.alice,
      `mutation($id: ID!) { cancelPayment(id: $id) { jobId status } }`,
      { id },
    );
    expect(cancelled.cancelPayment.jobId).toMatch(/^job_/);
  });

  it('answers GET queries with application/graphql-response+json and refuses GET mutations', async () => {
    const query = encodeURIComponent('{ __typename }');
    const accept = { accept: 'application/graphql-response+json' };
    const get = await fetch(`${server.url}/graphql?query=${query}`, { headers: accept });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const mutation = encodeURIComponent('mutation { unlockOrder(id: "ord_1", lockToken: "x") }');
    const refused = await fetch(`${server.url}/graphql?query=${mutation}`, { headers: accept });
    expect(refused.status).toBe(405);
  });

  it('serves GraphiQL with the example operation to a browser', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('RecentOrders');
  });

  it('a syntax error is a 400 request error', async () => {
    const reply = await gql(server.url, keys.alice, '{ orders { ');
    expect(reply.status).toBe(400);
    expect(reply.data).toBeUndefined();
  });
});
