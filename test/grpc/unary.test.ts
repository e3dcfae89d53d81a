import {
  CancelOrderRequestSchema,
  CreateOrderRequestSchema,
  CreatePaymentRequestSchema,
  FulfillOrderRequestSchema,
  GetPaymentRequestSchema,
  JobStatus,
  ListEventsRequestSchema,
  ListPaymentsRequestSchema,
  LockOrderRequestSchema,
  type Order,
  OrderStatus,
  type Payment,
  PaymentStatus,
  UnlockOrderRequestSchema,
} from '@commerce/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary } from '../clients/grpc-client.js';
import { keys } from '../support/keys.js';
import { durationFromMs } from './duration.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';

const items = [{ sku: 'sku-book', quantity: 2, unitPrice: 1250n }];

describe('gRPC unary RPCs', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture();
  });
  afterAll(() => f?.close());

  const createOrder = async (key = keys.alice) =>
    (
      await callUnary<typeof CreateOrderRequestSchema, { order: Order }>(
        f.orders,
        'createOrder',
        CreateOrderRequestSchema,
        { items, currency: 'EUR' },
        f.auth(key),
      )
    ).response.order;

  it('returns the request id in the trailers and marks idempotent replays', async () => {
    const metadata = f.auth(keys.alice, 'grpc-unary-1');
    metadata.set('x-request-id', 'req-grpc-1');
    const first = await callUnary(
      f.orders,
      'createOrder',
      CreateOrderRequestSchema,
      { items, currency: 'EUR' },
      metadata,
    );
    expect(first.trailers.get('x-request-id')).toEqual(['req-grpc-1']);
    expect(first.trailers.get('idempotent-replayed')).toEqual([]);
    const again = await callUnary(
      f.orders,
      'createOrder',
      CreateOrderRequestSchema,
      { items, currency: 'EUR' },
      f.auth(keys.alice, 'grpc-unary-1'),
    );
    expect(again.trailers.get('idempotent-replayed')).toEqual(['true']);
    expect(again.response).toEqual(first.response);
  });

  it('cancels, fulfils (admin), locks and unlocks', async () => {
    const order = await createOrder();
    const lock = await callUnary<typeof LockOrderRequestSchema, { lockToken: string }>(
      f.orders,
      'lockOrder',
      LockOrderRequestSchema,
      { orderId: order.id, ttlSeconds: 30 },
      f.auth(keys.alice),
    );
    expect(lock.response.lockToken).toMatch(/^lck_/);
    await callUnary(
      f.orders,
      'unlockOrder',
      UnlockOrderRequestSchema,
      { orderId: order.id, lockToken: lock.response.lockToken },
      f.auth(keys.alice),
    );
    const cancelled = await callUnary<typeof CancelOrderRequestSchema, { order: Order }>(
      f.orders,
      'cancelOrder',
      CancelOrderRequestSchema,
      { orderId: order.id, expectedVersion: 1n },
      f.auth(keys.alice),
    );
    expect(cancelled.response.order.status).toBe(OrderStatus.CANCELLED);

    const paid = await createOrder();
    await callUnary(
      f.payments,
      'createPayment',
      CreatePaymentRequestSchema,
      { orderId: paid.id, paymentMethod: 'pm_card_visa' },
      f.auth(keys.alice),
    );
    await expect
      .poll(async () => (await f.test.server.commerce.store.orders.get(paid.id))?.status)
      .toBe('paid');
    const fulfilled = await callUnary<typeof FulfillOrderRequestSchema, { order: Order }>(
      f.orders,
      'fulfillOrder',
      FulfillOrderRequestSchema,
      { orderId: paid.id },
      f.auth(keys.admin),
    );
    expect(fulfilled.response.order.status).toBe(OrderStatus.FULFILLED);
  });

  it('gets a payment with its job, lists payments and long-polls events', async () => {
    const order = await createOrder();
    const { response } = await callUnary<typeof CreatePaymentRequestSchema, { payment: Payment }>(
      f.payments,
      'createPayment',
      CreatePaymentRequestSchema,
      { orderId: order.id, paymentMethod: 'pm_card_visa' },
      f.auth(keys.alice),
    );
    await expect
      .poll(async () => {
        const got = await callUnary<
          typeof GetPaymentRequestSchema,
          { payment: Payment; job: { status: JobStatus } }
        >(
          f.payments,
          'getPayment',
          GetPaymentRequestSchema,
          { paymentId: response.payment.id },
          f.auth(keys.alice),
        );
        return [got.response.payment.status, got.response.job.status];
      })
      .toEqual([PaymentStatus.SUCCEEDED, JobStatus.SUCCEEDED]);
    const list = await callUnary<typeof ListPaymentsRequestSchema, { payments: Payment[] }>(
      f.payments,
      'listPayments',
      ListPaymentsRequestSchema,
      { orderId: order.id },
      f.auth(keys.alice),
    );
    expect(list.response.payments.map((p) => p.id)).toEqual([response.payment.id]);

    const batch = await callUnary<
      typeof ListEventsRequestSchema,
      { events: { type: string }[]; nextSequence: bigint }
    >(f.events, 'listEvents', ListEventsRequestSchema, { orderId: order.id }, f.auth(keys.alice));
    expect(batch.response.events.map((e) => e.type)).toEqual([
      'order.created',
      'payment.processing',
      'payment.succeeded',
      'order.updated',
    ]);
    const started = Date.now();
    const empty = await callUnary<
      typeof ListEventsRequestSchema,
      { events: unknown[]; nextSequence: bigint }
    >(
      f.events,
      'listEvents',
      ListEventsRequestSchema,
      { orderId: order.id, afterSequence: batch.response.nextSequence, wait: durationFromMs(300) },
      f.auth(keys.alice),
    );
    expect(empty.response.events).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
