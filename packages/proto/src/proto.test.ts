import { create, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { timestampFromMs, timestampMs } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import {
  ErrorDetailSchema,
  EventSchema,
  EventService,
  ImportOrdersResponseSchema,
  OrderItemSchema,
  OrderSchema,
  OrderService,
  OrderStatus,
  PaymentService,
  PaymentSessionRequestSchema,
  PaymentSessionResponseSchema,
  PaymentStatus,
} from './index.js';

const createdAt = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

const order = create(OrderSchema, {
  id: 'ord_01jabc',
  customerId: 'cus_1',
  items: [
    { sku: 'book-1', quantity: 2, unitPrice: 1250n },
    { sku: 'pen', quantity: 1, unitPrice: 99n },
  ],
  amount: 2599n,
  currency: 'EUR',
  status: OrderStatus.PENDING,
  version: 1n,
  createdAt: timestampFromMs(createdAt),
  updatedAt: timestampFromMs(createdAt),
});

describe('messages', () => {
  it('round-trips an order through the binary format', () => {
    const decoded = fromBinary(OrderSchema, toBinary(OrderSchema, order));
    expect(decoded).toEqual(order);
    expect(decoded.items[0]?.unitPrice).toBe(1250n);
    expect(decoded.status).toBe(OrderStatus.PENDING);
    expect(decoded.createdAt && timestampMs(decoded.createdAt)).toBe(createdAt);
  });

  it('keeps the field numbers of the contract on the wire', () => {
    const bytes = toBinary(
      OrderItemSchema,
      create(OrderItemSchema, { sku: 'a', quantity: 2, unitPrice: 150n }),
    );
    // sku = 1 (length-delimited), quantity = 2 (varint), unit_price = 3 (varint 150).
    expect([...bytes]).toEqual([0x0a, 0x01, 0x61, 0x10, 0x02, 0x18, 0x96, 0x01]);
  });

  it('carries amounts above 2^32 exactly (int64 minor units)', () => {
    const big = create(OrderSchema, { ...order, amount: 1_000_000_000_000n });
    const decoded = fromBinary(OrderSchema, toBinary(OrderSchema, big));
    expect(decoded.amount).toBe(1_000_000_000_000n);
    expect(Number(decoded.amount)).toBe(1e12);
  });

  it('uses snake_case proto field names', () => {
    const json = toJson(OrderSchema, order, { useProtoFieldName: true }) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['customer_id', 'created_at', 'updated_at', 'amount', 'currency']),
    );
    expect(json.status).toBe('ORDER_STATUS_PENDING');
    expect(json.created_at).toBe('2026-01-02T03:04:05.678Z');
    expect((json.items as Record<string, unknown>[])[0]).toEqual({
      sku: 'book-1',
      quantity: 2,
      unit_price: '1250',
    });
  });

  it('round-trips an event with a payment snapshot in its oneof and optional fields', () => {
    const event = create(EventSchema, {
      sequence: 42n,
      id: 'evt_1',
      type: 'payment.failed',
      customerId: 'cus_1',
      orderId: 'ord_01jabc',
      paymentId: 'pay_1',
      data: {
        case: 'payment',
        value: {
          id: 'pay_1',
          orderId: 'ord_01jabc',
          customerId: 'cus_1',
          amount: 2599n,
          currency: 'EUR',
          paymentMethod: 'pm_card_declined',
          status: PaymentStatus.FAILED,
          failureCode: 'card_declined',
          jobId: 'job_1',
          version: 2n,
        },
      },
      occurredAt: timestampFromMs(createdAt),
    });
    const decoded = fromBinary(EventSchema, toBinary(EventSchema, event));
    expect(decoded).toEqual(event);
    expect(decoded.data.case).toBe('payment');
    if (decoded.data.case !== 'payment') throw new Error('expected a payment');
    expect(decoded.data.value.failureCode).toBe('card_declined');
    expect(decoded.traceparent).toBeUndefined();

    const orderEvent = create(EventSchema, {
      sequence: 1n,
      type: 'order.created',
      data: { case: 'order', value: order },
    });
    const decodedOrderEvent = fromBinary(EventSchema, toBinary(EventSchema, orderEvent));
    expect(decodedOrderEvent.paymentId).toBeUndefined();
    expect(decodedOrderEvent.data).toEqual({ case: 'order', value: order });
  });

  it('round-trips an import summary with an order and an error result', () => {
    const summary = create(ImportOrdersResponseSchema, {
      results: [
        { ref: 'line-1', result: { case: 'order', value: order }, replayed: true },
        {
          ref: 'line-2',
          result: {
            case: 'error',
            value: create(ErrorDetailSchema, {
              code: 'invalid_argument',
              message: 'invalid request: items[0].quantity: too small',
              fieldViolations: [{ field: 'items[0].quantity', description: 'too small' }],
            }),
          },
        },
      ],
      createdCount: 1,
      failedCount: 1,
    });
    const decoded = fromBinary(
      ImportOrdersResponseSchema,
      toBinary(ImportOrdersResponseSchema, summary),
    );
    expect(decoded).toEqual(summary);
    const [ok, failed] = decoded.results;
    expect(ok?.result.case).toBe('order');
    expect(ok?.replayed).toBe(true);
    expect(failed?.result.case).toBe('error');
    if (failed?.result.case !== 'error') throw new Error('expected an error');
    expect(failed.result.value.fieldViolations[0]?.field).toBe('items[0].quantity');
    expect(failed.result.value.currentVersion).toBeUndefined();
  });

  it('round-trips payment session commands and updates', () => {
    const start = create(PaymentSessionRequestSchema, {
      command: { case: 'start', value: { orderId: 'ord_01jabc', paymentMethod: 'pm_card_slow' } },
    });
    const cancel = create(PaymentSessionRequestSchema, { command: { case: 'cancel', value: {} } });
    expect(
      fromBinary(PaymentSessionRequestSchema, toBinary(PaymentSessionRequestSchema, start)),
    ).toEqual(start);
    expect(
      fromBinary(PaymentSessionRequestSchema, toBinary(PaymentSessionRequestSchema, cancel)).command
        .case,
    ).toBe('cancel');

    const progress = create(PaymentSessionResponseSchema, {
      update: {
        case: 'progress',
        value: { percent: 40, message: 'contacting the card network', attempts: 1 },
      },
    });
    const decoded = fromBinary(
      PaymentSessionResponseSchema,
      toBinary(PaymentSessionResponseSchema, progress),
    );
    expect(decoded.update).toMatchObject({ case: 'progress', value: { percent: 40, attempts: 1 } });
  });
});

describe('service descriptors', () => {
  const kinds = (service: typeof OrderService | typeof PaymentService | typeof EventService) =>
    Object.fromEntries(service.methods.map((m) => [m.name, m.methodKind]));

  it('OrderService: unary calls, a server stream (export) and a client stream (import)', () => {
    expect(OrderService.typeName).toBe('commerce.v1.OrderService');
    expect(kinds(OrderService)).toEqual({
      CreateOrder: 'unary',
      GetOrder: 'unary',
      ListOrders: 'unary',
      ReplaceOrder: 'unary',
      CancelOrder: 'unary',
      FulfillOrder: 'unary',
      LockOrder: 'unary',
      UnlockOrder: 'unary',
      ExportOrders: 'server_streaming',
      ImportOrders: 'client_streaming',
    });
    expect(OrderService.method.exportOrders.output.typeName).toBe(
      'commerce.v1.ExportOrdersResponse',
    );
    expect(OrderService.method.importOrders.input.typeName).toBe('commerce.v1.ImportOrdersRequest');
  });

  it('PaymentService: unary calls and a bidirectional session', () => {
    expect(PaymentService.typeName).toBe('commerce.v1.PaymentService');
    expect(kinds(PaymentService)).toEqual({
      CreatePayment: 'unary',
      GetPayment: 'unary',
      ListPayments: 'unary',
      RefundPayment: 'unary',
      PaymentSession: 'bidi_streaming',
    });
  });

  it('EventService: a server stream and a unary poll', () => {
    expect(EventService.typeName).toBe('commerce.v1.EventService');
    expect(kinds(EventService)).toEqual({ WatchEvents: 'server_streaming', ListEvents: 'unary' });
  });

  it('covers all four streaming modes', () => {
    const all = new Set(
      [OrderService, PaymentService, EventService].flatMap((s) =>
        s.methods.map((m) => m.methodKind),
      ),
    );
    expect([...all].sort()).toEqual([
      'bidi_streaming',
      'client_streaming',
      'server_streaming',
      'unary',
    ]);
  });

  it('names every request and response after its method', () => {
    for (const service of [OrderService, PaymentService, EventService]) {
      for (const method of service.methods) {
        expect(method.input.typeName).toBe(`commerce.v1.${method.name}Request`);
        expect(method.output.typeName).toBe(`commerce.v1.${method.name}Response`);
      }
    }
  });
});
