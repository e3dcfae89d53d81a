import { create } from '@bufbuild/protobuf';
import {
  CancelOrderRequestSchema,
  CreateOrderRequestSchema,
  GetOrderRequestSchema,
  LockOrderRequestSchema,
  type LockOrderResponse,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callUnary } from '../clients/grpc-client.js';
import { keys } from '../support/keys.js';
import { createOrder, ITEMS, sleep } from './calls.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';
import { detailsOf, rawError } from './rich-errors.js';
import { serverDeadlineStatus } from './server-deadline.js';

describe('gRPC error mappings on the wire, details decoded', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture();
  });
  afterAll(() => f?.close());

  const withRequestId = (md: grpc.Metadata, id: string) => {
    md.set('x-request-id', id);
    return md;
  };

  /** The code, ErrorInfo reason, request id and stable code of the ErrorDetail. */
  const summary = (error: grpc.ServiceError) => {
    const { status, info, detail } = detailsOf(error);
    expect(status.code).toBe(error.code);
    return {
      code: error.code,
      reason: info?.reason,
      requestId: info?.metadata.request_id,
      trailerRequestId: error.metadata.get('x-request-id')[0],
      detail: detail?.code,
    };
  };

  it('locked → ABORTED / LOCKED', async () => {
    const order = await createOrder(f, keys.alice);
    await callUnary<typeof LockOrderRequestSchema, LockOrderResponse>(
      f.orders,
      'lockOrder',
      LockOrderRequestSchema,
      { orderId: order.id },
      f.auth(keys.alice),
    );
    const error = await rawError(
      f.orders,
      'cancelOrder',
      create(CancelOrderRequestSchema, { orderId: order.id }),
      withRequestId(f.auth(keys.alice), 'req-locked'),
    );
    expect(summary(error)).toEqual({
      code: grpc.status.ABORTED,
      reason: 'LOCKED',
      requestId: 'req-locked',
      trailerRequestId: 'req-locked',
      detail: 'locked',
    });
  });

  it('invalid_state → FAILED_PRECONDITION / INVALID_STATE', async () => {
    const order = await createOrder(f, keys.alice);
    const cancel = create(CancelOrderRequestSchema, { orderId: order.id });
    await callUnary(f.orders, 'cancelOrder', CancelOrderRequestSchema, cancel, f.auth(keys.alice));
    const error = await rawError(
      f.orders,
      'cancelOrder',
      cancel,
      withRequestId(f.auth(keys.alice), 'req-state'),
    );
    expect(summary(error)).toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      reason: 'INVALID_STATE',
      requestId: 'req-state',
      detail: 'invalid_state',
    });
  });

  it('idempotency_key_reused → FAILED_PRECONDITION / IDEMPOTENCY_KEY_REUSED', async () => {
    const key = 'grpc-reused-1';
    await callUnary(
      f.orders,
      'createOrder',
      CreateOrderRequestSchema,
      { items: ITEMS, currency: 'EUR' },
      f.auth(keys.alice, key),
    );
    const error = await rawError(
      f.orders,
      'createOrder',
      create(CreateOrderRequestSchema, { items: ITEMS, currency: 'USD' }),
      f.auth(keys.alice, key),
    );
    expect(summary(error)).toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      reason: 'IDEMPOTENCY_KEY_REUSED',
      detail: 'idempotency_key_reused',
    });
  });

  it('idempotency_in_progress → ABORTED / IDEMPOTENCY_IN_PROGRESS for a concurrent same-key create', async () => {
    const { store } = f.test.server.commerce;
    const transaction = store.transaction.bind(store);
    // The first request stays in flight a while, so the second one surely finds it in progress.
    const spy = vi.spyOn(store, 'transaction').mockImplementation(async (work) => {
      await sleep(400);
      return transaction(work);
    });
    try {
      const createWithKey = () =>
        callUnary(
          f.orders,
          'createOrder',
          CreateOrderRequestSchema,
          { items: ITEMS, currency: 'EUR' },
          f.auth(keys.alice, 'grpc-concurrent-1'),
        );
      const first = createWithKey();
      await expect.poll(() => spy.mock.calls.length).toBe(1);
      const second = rawError(
        f.orders,
        'createOrder',
        create(CreateOrderRequestSchema, { items: ITEMS, currency: 'EUR' }),
        f.auth(keys.alice, 'grpc-concurrent-1'),
      );
      const error = await second;
      expect(summary(error)).toMatchObject({
        code: grpc.status.ABORTED,
        reason: 'IDEMPOTENCY_IN_PROGRESS',
        detail: 'idempotency_in_progress',
      });
      expect((await first).response).toBeDefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('internal → INTERNAL / INTERNAL, with nothing of the cause on the wire', async () => {
    const { store } = f.test.server.commerce;
    const order = await createOrder(f, keys.alice);
    const spy = vi
      .spyOn(store.orders, 'get')
      .mockRejectedValueOnce(new Error('SQLITE_CORRUPT: SELECT secret FROM orders'));
    try {
      const error = await rawError(
        f.orders,
        'getOrder',
        create(GetOrderRequestSchema, { orderId: order.id }),
        withRequestId(f.auth(keys.alice), 'req-internal'),
      );
      expect(summary(error)).toMatchObject({
        code: grpc.status.INTERNAL,
        reason: 'INTERNAL',
        requestId: 'req-internal',
        detail: 'internal',
      });
      const wire = `${error.details} ${JSON.stringify(detailsOf(error).status.message)}`;
      expect(wire).not.toMatch(/SQLITE|SELECT|secret/);
    } finally {
      spy.mockRestore();
    }
    expect((await createOrder(f, keys.alice)).id).toMatch(/^ord_/);
  });

  it('deadline_exceeded → DEADLINE_EXCEEDED from the server itself, with its details', async () => {
    // grpc-js clients end the call locally at their deadline (no server trailers), so this
    // speaks raw HTTP/2 with a `grpc-timeout` and reads what the server sends back.
    const result = await serverDeadlineStatus(f.address, keys.alice, 'req-deadline');
    expect(result.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(result.details?.info?.reason).toBe('DEADLINE_EXCEEDED');
    expect(result.details?.info?.metadata.request_id).toBe('req-deadline');
  });
});
