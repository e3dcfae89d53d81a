import { create } from '@bufbuild/protobuf';
import {
  CreateOrderRequestSchema,
  GetOrderRequestSchema,
  ListEventsRequestSchema,
  type Order,
  ReplaceOrderRequestSchema,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../clients/api-client.js';
import { callUnary, connectService } from '../clients/grpc-client.js';
import { keys } from '../support/keys.js';
import { durationFromMs } from './duration.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';
import { detailsOf, rawError } from './rich-errors.js';

const items = [{ sku: 'sku-book', quantity: 2, unitPrice: 1250n }];

describe('gRPC errors', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture();
  });
  afterAll(() => f?.close());

  it('maps invalid_argument to INVALID_ARGUMENT with snake_case BadRequest paths', async () => {
    const md = f.auth(keys.alice);
    md.set('x-request-id', 'req-bad-1');
    const error = await rawError(
      f.orders,
      'createOrder',
      create(CreateOrderRequestSchema, {
        items: [{ sku: 'ok', quantity: 0, unitPrice: 1n }],
        currency: 'XYZ',
      }),
      md,
    );
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.metadata.get('x-request-id')).toEqual(['req-bad-1']);
    const { info, badRequest, detail, status } = detailsOf(error);
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(info).toMatchObject({ reason: 'INVALID_ARGUMENT', domain: 'commerce.v1' });
    expect(info?.metadata.request_id).toBe('req-bad-1');
    expect(badRequest?.fieldViolations.map((v) => v.field).sort()).toEqual([
      'currency',
      'items[0].quantity',
    ]);
    expect(detail?.code).toBe('invalid_argument');
  });

  it('maps each core error to its status and ErrorInfo reason', async () => {
    const { response } = await callUnary<typeof CreateOrderRequestSchema, { order: Order }>(
      f.orders,
      'createOrder',
      CreateOrderRequestSchema,
      { items, currency: 'EUR' },
      f.auth(keys.alice),
    );
    const id = response.order.id;
    const cases: [grpc.Client, string, unknown, grpc.Metadata, grpc.status, string][] = [
      [
        f.orders,
        'getOrder',
        { orderId: id },
        f.auth('sk_test_nobody'),
        grpc.status.UNAUTHENTICATED,
        'UNAUTHENTICATED',
      ],
      [
        f.orders,
        'getOrder',
        { orderId: id },
        new grpc.Metadata(),
        grpc.status.UNAUTHENTICATED,
        'UNAUTHENTICATED',
      ],
      [
        f.orders,
        'getOrder',
        { orderId: id },
        f.auth(keys.bob),
        grpc.status.PERMISSION_DENIED,
        'PERMISSION_DENIED',
      ],
      [
        f.orders,
        'getOrder',
        { orderId: 'ord_00000000000000000000000000' },
        f.auth(keys.alice),
        grpc.status.NOT_FOUND,
        'NOT_FOUND',
      ],
      [
        f.orders,
        'replaceOrder',
        { orderId: id, items, currency: 'EUR', expectedVersion: 7n },
        f.auth(keys.alice),
        grpc.status.ABORTED,
        'VERSION_MISMATCH',
      ],
    ];
    for (const [client, method, request, md, code, reason] of cases) {
      const schema = method === 'replaceOrder' ? ReplaceOrderRequestSchema : GetOrderRequestSchema;
      const error = await rawError(client, method, create(schema, request as never), md);
      expect([method, error.code]).toEqual([method, code]);
      expect(detailsOf(error).info?.reason).toBe(reason);
    }
    const mismatch = await rawError(
      f.orders,
      'replaceOrder',
      create(ReplaceOrderRequestSchema, {
        orderId: id,
        items,
        currency: 'EUR',
        expectedVersion: 7n,
      }),
      f.auth(keys.alice),
    );
    expect(detailsOf(mismatch).info?.metadata.current_version).toBe('1');
    expect(detailsOf(mismatch).detail?.currentVersion).toBe(1n);
  });

  it('answers malformed protobuf bytes with INVALID_ARGUMENT and keeps serving', async () => {
    const Raw = grpc.makeGenericClientConstructor(
      {
        getOrder: {
          path: '/commerce.v1.OrderService/GetOrder',
          requestStream: false,
          responseStream: false,
          requestSerialize: (b: Buffer) => b,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: (b: Buffer) => b,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      'Raw',
    );
    const raw = new Raw(f.address, grpc.credentials.createInsecure());
    const error = await rawError(
      raw,
      'getOrder',
      Buffer.from([0x0a, 0xff, 0x01]),
      f.auth(keys.alice),
    );
    raw.close();
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(detailsOf(error).info?.reason).toBe('INVALID_ARGUMENT');
    await expect(
      callUnary(
        f.orders,
        'getOrder',
        GetOrderRequestSchema,
        { orderId: 'ord_00000000000000000000000000' },
        f.auth(keys.alice),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('stops a long poll at the deadline: DEADLINE_EXCEEDED, the core saw the abort, the server keeps serving', async () => {
    const started = Date.now();
    const error = await rawError(
      f.events,
      'listEvents',
      create(ListEventsRequestSchema, { afterSequence: 1_000_000n, wait: durationFromMs(10_000) }),
      f.auth(keys.alice),
      { deadline: Date.now() + 300 },
    );
    expect(error.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect
      .poll(
        async () =>
          (await (await f.test.server.app.request('/metrics')).text()).match(
            /commerce_requests_total\{protocol="grpc",operation="ListEvents",outcome="deadline_exceeded"\} 1/,
          ) !== null,
      )
      .toBe(true);
    const order = await callUnary(
      f.orders,
      'createOrder',
      CreateOrderRequestSchema,
      { items, currency: 'EUR' },
      f.auth(keys.alice),
    );
    expect(order.response).toBeDefined();
  });
});

describe('gRPC rate limits', () => {
  it('answers RESOURCE_EXHAUSTED with RetryInfo from the bucket shared with every protocol', async () => {
    const f = await openGrpcFixture({
      RATE_LIMIT_CUSTOMER_CAPACITY: '2',
      RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '0.01',
    });
    try {
      const get = () =>
        callUnary(
          f.orders,
          'getOrder',
          GetOrderRequestSchema,
          { orderId: 'ord_00000000000000000000000000' },
          f.auth(keys.alice),
        );
      await expect(get()).rejects.toMatchObject({ code: 'not_found' });
      await expect(get()).rejects.toMatchObject({ code: 'not_found' });
      const client = connectService((await import('@commerce/proto')).OrderService, f.address);
      const error = await rawError(
        client,
        'getOrder',
        create(GetOrderRequestSchema, { orderId: 'ord_0' }),
        f.auth(keys.alice),
      );
      client.close();
      expect(error.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      const { info, retry } = detailsOf(error);
      expect(info?.reason).toBe('RATE_LIMITED');
      expect(Number(retry?.retryDelay?.seconds ?? 0)).toBeGreaterThan(0);
      await expect(get()).rejects.toBeInstanceOf(ApiError);
    } finally {
      await f.close();
    }
  });
});
