import { create } from '@bufbuild/protobuf';
import {
  CreateOrderRequestSchema,
  ExportOrdersRequestSchema,
  type ExportOrdersResponse,
  ImportOrdersRequestSchema,
  type ImportOrdersResponse,
  type Order,
  PaymentSessionRequestSchema,
  type PaymentSessionResponse,
  PaymentStatus,
  WatchEventsRequestSchema,
  type WatchEventsResponse,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callUnary } from '../clients/grpc-client.js';
import { keys } from '../support/keys.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';

const items = [{ sku: 'sku-book', quantity: 1, unitPrice: 500n }];
type Method = (...args: unknown[]) => unknown;
const invoke = <T>(client: grpc.Client, method: string, ...args: unknown[]) =>
  (client as unknown as Record<string, Method>)[method]?.call(client, ...args) as T;

describe('gRPC streaming RPCs', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture();
  });
  afterAll(() => f?.close());

  const createOrder = async (key: string = keys.alice) =>
    (
      await callUnary<typeof CreateOrderRequestSchema, { order: Order }>(
        f.orders,
        'createOrder',
        CreateOrderRequestSchema,
        { items, currency: 'EUR' },
        f.auth(key),
      )
    ).response.order;

  function watch(
    key: string,
    request: Parameters<typeof create<typeof WatchEventsRequestSchema>>[1],
    options: grpc.CallOptions = {},
  ) {
    return invoke<grpc.ClientReadableStream<WatchEventsResponse>>(
      f.events,
      'watchEvents',
      create(WatchEventsRequestSchema, request),
      f.auth(key),
      options,
    );
  }

  it('WatchEvents replays, then follows live, scoped to the caller, and resumes without gaps', async () => {
    const first = await createOrder();
    await createOrder(keys.bob);
    const call = watch(keys.alice, {});
    const seen: WatchEventsResponse[] = [];
    call.on('data', (m: WatchEventsResponse) => seen.push(m));
    call.on('error', () => {});
    await expect.poll(() => seen.some((m) => m.event?.orderId === first.id)).toBe(true);
    const live = await createOrder();
    await expect.poll(() => seen.some((m) => m.event?.orderId === live.id)).toBe(true);
    call.cancel();
    expect(seen.every((m) => m.event?.customerId === 'cus_alice')).toBe(true);
    const sequences = seen.map((m) => Number(m.event?.sequence));
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);

    const middle = sequences[0] ?? 0;
    const resumed = watch(keys.alice, { afterSequence: BigInt(middle) });
    const again: number[] = [];
    resumed.on('data', (m: WatchEventsResponse) => again.push(Number(m.event?.sequence)));
    resumed.on('error', () => {});
    await expect.poll(() => again.length).toBe(sequences.length - 1);
    resumed.cancel();
    expect(again).toEqual(sequences.slice(1));
  });

  it('WatchEvents ends with DEADLINE_EXCEEDED at its deadline and the server keeps serving', async () => {
    const call = watch(keys.alice, {}, { deadline: Date.now() + 300 });
    call.on('data', () => {});
    const error = await new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    expect(error.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect((await createOrder()).id).toMatch(/^ord_/);
  });

  it('ExportOrders follows a slow reader: the server stops paging while the client does not read', async () => {
    const { store } = f.test.server.commerce;
    const now = Date.parse('2020-01-01T00:00:00Z');
    const total = 20_000;
    await store.transaction(async (tx) => {
      for (let i = 0; i < total; i++) {
        const at = new Date(now + i).toISOString();
        await tx.orders.insert({
          id: `ord_export${i.toString().padStart(8, '0')}`,
          customerId: 'cus_export',
          items: [{ sku: 'sku-bulk', quantity: 1, unitPrice: 100 }],
          amount: 100,
          currency: 'EUR',
          status: 'pending',
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
      }
    });
    const list = vi.spyOn(store.orders, 'list');
    try {
      const call = invoke<grpc.ClientReadableStream<ExportOrdersResponse>>(
        f.orders,
        'exportOrders',
        create(ExportOrdersRequestSchema, { customerId: 'cus_export' }),
        f.auth(keys.admin),
      );
      let received = 0;
      const ended = new Promise<void>((resolve, reject) => {
        call.on('end', resolve);
        call.on('error', reject);
      });
      call.on('data', () => {
        received++;
        if (received === 1) call.pause();
      });
      await new Promise((r) => setTimeout(r, 500));
      const pagesWhilePaused = list.mock.calls.length;
      await new Promise((r) => setTimeout(r, 500));
      expect(list.mock.calls.length).toBe(pagesWhilePaused);
      expect(pagesWhilePaused * 100).toBeLessThan(total / 2);
      call.resume();
      await ended;
      expect(received).toBe(total);
    } finally {
      list.mockRestore();
    }
  });

  it('ImportOrders creates each item, reports a bad one without aborting, and replays per-item keys', async () => {
    const run = (refs: string[]) =>
      new Promise<ImportOrdersResponse>((resolve, reject) => {
        const call = invoke<grpc.ClientWritableStream<unknown>>(
          f.orders,
          'importOrders',
          f.auth(keys.alice),
          (error: grpc.ServiceError | null, value: ImportOrdersResponse) =>
            error ? reject(error) : resolve(value),
        );
        for (const ref of refs) {
          call.write(
            create(ImportOrdersRequestSchema, {
              ref,
              idempotencyKey: `import-${ref}`,
              items,
              currency: ref === 'bad' ? 'XYZ' : 'EUR',
            }),
          );
        }
        call.end();
      });
    const first = await run(['a', 'bad', 'b']);
    expect(first.results.map((r) => [r.ref, r.result.case])).toEqual([
      ['a', 'order'],
      ['bad', 'error'],
      ['b', 'order'],
    ]);
    expect([first.createdCount, first.failedCount]).toEqual([2, 1]);
    const bad = first.results[1]?.result;
    expect(bad?.case === 'error' && bad.value.fieldViolations.map((v) => v.field)).toEqual([
      'currency',
    ]);
    const again = await run(['a', 'b']);
    expect(again.results.map((r) => r.replayed)).toEqual([true, true]);
    const ids = (r: ImportOrdersResponse) =>
      r.results.flatMap((x) => (x.result.case === 'order' ? [x.result.value.id] : []));
    expect(ids(again)).toEqual(ids(first));
  });

  function session(start: { orderId: string; paymentMethod: string }) {
    const call = invoke<grpc.ClientDuplexStream<unknown, PaymentSessionResponse>>(
      f.payments,
      'paymentSession',
      f.auth(keys.alice),
    );
    const updates: PaymentSessionResponse[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (m: PaymentSessionResponse) => updates.push(m));
      call.on('end', resolve);
      call.on('error', reject);
    });
    call.write(create(PaymentSessionRequestSchema, { command: { case: 'start', value: start } }));
    return { call, updates, done };
  }

  it('PaymentSession streams the payment, progress and the outcome', async () => {
    const order = await createOrder();
    const s = session({ orderId: order.id, paymentMethod: 'pm_card_slow' });
    s.call.end();
    await s.done;
    const cases = s.updates.map((u) => u.update.case);
    expect(cases[0]).toBe('payment');
    expect(cases).toContain('progress');
    expect(cases.at(-1)).toBe('outcome');
    const outcome = s.updates.at(-1)?.update;
    expect(outcome?.case === 'outcome' && outcome.value.payment?.status).toBe(
      PaymentStatus.SUCCEEDED,
    );
  });

  it('PaymentSession cancel stops a slow payment mid-way', async () => {
    const order = await createOrder();
    const s = session({ orderId: order.id, paymentMethod: 'pm_card_slow' });
    await expect.poll(() => s.updates.length).toBeGreaterThan(0);
    s.call.write(create(PaymentSessionRequestSchema, { command: { case: 'cancel', value: {} } }));
    await s.done;
    const outcome = s.updates.at(-1)?.update;
    expect(outcome?.case).toBe('outcome');
    if (outcome?.case !== 'outcome') return;
    expect(outcome.value.payment?.status).toBe(PaymentStatus.FAILED);
    expect(outcome.value.payment?.failureCode).toBe('canceled');
    expect((await f.test.server.commerce.store.orders.get(order.id))?.status).toBe('pending');
  });

  it('PaymentSession refuses a command before start with INVALID_ARGUMENT', async () => {
    const call = invoke<grpc.ClientDuplexStream<unknown, PaymentSessionResponse>>(
      f.payments,
      'paymentSession',
      f.auth(keys.alice),
    );
    const error = new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    call.on('data', () => {});
    call.write(create(PaymentSessionRequestSchema, { command: { case: 'cancel', value: {} } }));
    expect((await error).code).toBe(grpc.status.INVALID_ARGUMENT);
  });
});
