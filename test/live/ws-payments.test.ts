import { createContext, type OperationContext } from '@commerce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { answerTo, connectWs, type Frame, ofType } from './ws-client.js';

const items = [{ sku: 'sku-book', quantity: 1, unitPrice: 500 }];

describe('WebSocket: payments and isolation', () => {
  let t: TestServer;
  let alice: OperationContext;
  let bob: OperationContext;
  // Slow enough that the cancel always lands while the job is still charging.
  beforeAll(async () => {
    t = await startTestServer({ PAYMENT_SLOW_SECONDS: '30' });
    const ctxOf = async (key: string) =>
      createContext({ principal: await t.server.commerce.auth.authenticate(key) });
    [alice, bob] = await Promise.all([ctxOf(keys.alice), ctxOf(keys.bob)]);
  });
  afterAll(() => t?.[Symbol.asyncDispose]());

  const newOrder = async (ctx: OperationContext) =>
    (await t.server.commerce.orders.create(ctx, { items, currency: 'EUR' })).value;

  it('watches a slow payment with progress, cancels it over the socket: failed, never captured', async () => {
    const { commerce } = t.server;
    const order = await newOrder(alice);
    const client = await connectWs(t.url, keys.alice);
    client.send({
      type: 'payment.create',
      id: 'pay',
      order_id: order.id,
      payment_method: 'pm_card_slow',
      watch: true,
    });
    const created = await client.next(answerTo('pay'));
    expect(created).toMatchObject({ type: 'ack', op: 'payment.create', replayed: false });
    const { subscription } = created;
    const paymentId = (created.payment as { id: string }).id;
    const charging = (frame: Frame) =>
      ofType('progress', subscription)(frame) &&
      (frame.progress as { percent: number }).percent > 0;
    await client.next(charging, { timeoutMs: 20_000 });

    client.send({ type: 'payment.cancel', id: 'cancel', payment_id: paymentId });
    expect(await client.next(answerTo('cancel'))).toMatchObject({
      type: 'ack',
      op: 'payment.cancel',
      payment_id: paymentId,
    });
    const outcome = await client.next(ofType('payment', subscription));
    expect(outcome.payment).toMatchObject({
      id: paymentId,
      status: 'failed',
      failure_code: 'canceled',
    });

    // The job stops for good: once it is cancelled, nothing captured the payment.
    await expect
      .poll(async () => (await commerce.payments.progress(alice, paymentId)).status, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe('cancelled');
    const { events } = await commerce.events.list(alice, { orderId: order.id, limit: 1000 });
    const types = events.filter((e) => e.paymentId === paymentId).map((e) => e.type);
    expect(types).toEqual(['payment.processing', 'payment.failed']);
    expect(await commerce.payments.get(alice, paymentId)).toMatchObject({ status: 'failed' });
    client.socket.close();
  });

  it("a customer key never receives another customer's events, nor acts on their payments", async () => {
    const aliceSocket = await connectWs(t.url, keys.alice);
    aliceSocket.send({ type: 'subscribe', id: 'all', channel: 'events' });
    await aliceSocket.next(answerTo('all'));

    const bobOrder = await newOrder(bob);
    aliceSocket.send({ type: 'subscribe', id: 'bobs', channel: 'events', order_id: bobOrder.id });
    await aliceSocket.next(answerTo('bobs'));
    const { value: bobPayment } = await t.server.commerce.payments.create(bob, {
      orderId: bobOrder.id,
      paymentMethod: 'pm_card_slow',
    });
    for (const type of ['payment.watch', 'payment.cancel']) {
      aliceSocket.send({ type, id: type, payment_id: bobPayment.id });
      expect(await aliceSocket.next(answerTo(type))).toMatchObject({
        type: 'error',
        code: 'permission_denied',
      });
    }
    // Alice's own order comes after all of Bob's writes in the log: once she sees it, she has
    // been offered everything before it.
    const own = await newOrder(alice);
    await aliceSocket.next(
      (f) => (f.event as { order_id?: string } | undefined)?.order_id === own.id,
    );
    const customers = aliceSocket.frames.filter(ofType('event')).map((f) => f.event);
    expect(customers.length).toBeGreaterThan(0);
    for (const event of customers) expect(event).toMatchObject({ customer_id: 'cus_alice' });
    expect(aliceSocket.frames.some(ofType('event', 'sub_2'))).toBe(false);
    await t.server.commerce.payments.cancel(bob, bobPayment.id);
    aliceSocket.socket.close();
  });
});
