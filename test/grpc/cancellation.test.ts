import { create } from '@bufbuild/protobuf';
import {
  ExportOrdersRequestSchema,
  type ExportOrdersResponse,
  ImportOrdersRequestSchema,
  PaymentSessionRequestSchema,
  type PaymentSessionResponse,
  WatchEventsRequestSchema,
  type WatchEventsResponse,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../support/keys.js';
import { createOrder, ITEMS, invoke, sleep } from './calls.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';

/** Resolves with the status a cancelled (or failed) call ends with. */
const statusOf = (call: NodeJS.EventEmitter) =>
  new Promise<grpc.status>((resolve) => {
    call.on('error', (error: grpc.ServiceError) => resolve(error.code));
    call.on('status', (s: grpc.StatusObject) => resolve(s.code));
  });

/** Samples a counter for `ms` and returns it once it stopped growing over that window. */
async function settledCount(count: () => number, ms = 400): Promise<number> {
  let before = count();
  for (;;) {
    await sleep(ms);
    const after = count();
    if (after === before) return after;
    before = after;
  }
}

describe('gRPC client cancellation of each streaming mode mid-way', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    // Slow payments take 3 s: long enough to cancel a session while its job runs.
    f = await openGrpcFixture({ PAYMENT_SLOW_SECONDS: '3' });
  });
  afterAll(() => f?.close());

  const stillServes = async () => expect((await createOrder(f, keys.alice)).id).toMatch(/^ord_/);

  it('ExportOrders: the server stops paging through the core once the client cancels', async () => {
    const { store } = f.test.server.commerce;
    for (let i = 0; i < 500; i++) await createOrder(f, keys.bob);
    const list = vi.spyOn(store.orders, 'list');
    try {
      const call = invoke<grpc.ClientReadableStream<ExportOrdersResponse>>(
        f.orders,
        'exportOrders',
        create(ExportOrdersRequestSchema, {}),
        f.auth(keys.bob),
      );
      const ended = statusOf(call);
      let received = 0;
      call.on('data', () => {
        received++;
        if (received === 3) call.cancel();
      });
      expect(await ended).toBe(grpc.status.CANCELLED);
      const pages = await settledCount(() => list.mock.calls.length);
      // 500 orders need 5 pages of 100; the export stopped before reading them all.
      expect(pages).toBeLessThan(5);
      await stillServes();
      expect(list.mock.calls.length).toBe(pages);
    } finally {
      list.mockRestore();
    }
  });

  it('ImportOrders: the server stops creating orders once the client cancels', async () => {
    const { orders } = f.test.server.commerce;
    const original = orders.create.bind(orders);
    const total = 500;
    let call: grpc.ClientWritableStream<unknown> | undefined;
    const createSpy = vi.spyOn(orders, 'create').mockImplementation(async (...args) => {
      // Slow enough that the whole import would take seconds; cancel after the fifth item.
      await sleep(10);
      if (createSpy.mock.calls.length === 5) call?.cancel();
      return original(...args);
    });
    try {
      call = invoke<grpc.ClientWritableStream<unknown>>(
        f.orders,
        'importOrders',
        f.auth(keys.alice),
        () => {},
      );
      const ended = statusOf(call);
      for (let i = 0; i < total; i++) {
        call.write(
          create(ImportOrdersRequestSchema, {
            ref: `c${i}`,
            idempotencyKey: `cancel-import-${i}`,
            items: ITEMS,
            currency: 'EUR',
          }),
        );
      }
      call.end();
      expect(await ended).toBe(grpc.status.CANCELLED);
      const created = await settledCount(() => createSpy.mock.calls.length);
      expect(created).toBeGreaterThanOrEqual(5);
      expect(created).toBeLessThan(50);
    } finally {
      createSpy.mockRestore();
    }
    await stillServes();
  });

  it('PaymentSession: cancelling the call stops the session, not the payment (documented choice)', async () => {
    const { payments, store } = f.test.server.commerce;
    const order = await createOrder(f, keys.alice);
    const wait = vi.spyOn(payments, 'waitForOutcome');
    try {
      const call = invoke<grpc.ClientDuplexStream<unknown, PaymentSessionResponse>>(
        f.payments,
        'paymentSession',
        f.auth(keys.alice),
      );
      const ended = statusOf(call);
      const updates: PaymentSessionResponse[] = [];
      call.on('data', (m: PaymentSessionResponse) => {
        updates.push(m);
        if (m.update.case === 'progress') call.cancel();
      });
      call.write(
        create(PaymentSessionRequestSchema, {
          command: { case: 'start', value: { orderId: order.id, paymentMethod: 'pm_card_slow' } },
        }),
      );
      expect(await ended).toBe(grpc.status.CANCELLED);
      const paymentId = updates[0]?.update.case === 'payment' ? updates[0].update.value.id : '';
      expect(paymentId).toMatch(/^pay_/);
      // The session stops following the payment...
      const polls = await settledCount(() => wait.mock.calls.length);
      expect((await store.payments.get(paymentId))?.status).toBe('processing');
      // ...while the payment job runs to its end; a client that wants it stopped sends `cancel`.
      await expect
        .poll(async () => (await store.payments.get(paymentId))?.status, { timeout: 10_000 })
        .toBe('succeeded');
      expect(wait.mock.calls.length).toBe(polls);
    } finally {
      wait.mockRestore();
    }
    await stillServes();
  });

  it('WatchEvents: the server stops reading the log once the client cancels', async () => {
    const { store } = f.test.server.commerce;
    const readAfter = vi.spyOn(store.events, 'readAfter');
    try {
      const call = invoke<grpc.ClientReadableStream<WatchEventsResponse>>(
        f.events,
        'watchEvents',
        create(WatchEventsRequestSchema, {}),
        f.auth(keys.alice),
      );
      const ended = statusOf(call);
      let received = 0;
      call.on('data', () => {
        received++;
        if (received === 2) call.cancel();
      });
      expect(await ended).toBe(grpc.status.CANCELLED);
      const reads = await settledCount(() => readAfter.mock.calls.length);
      // New events wake live subscribers: a cancelled watch must not be among them.
      await stillServes();
      await stillServes();
      await sleep(200);
      expect(readAfter.mock.calls.length).toBe(reads);
    } finally {
      readAfter.mockRestore();
    }
  });
});
