import { create } from '@bufbuild/protobuf';
import { isCommerceError, type OperationContext } from '@commerce/core';
import {
  PaymentSessionRequestSchema,
  type PaymentSessionResponse,
  WatchEventsRequestSchema,
  type WatchEventsResponse,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../support/keys.js';
import { createOrder, invoke, sleep } from './calls.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';

const errorOf = (call: NodeJS.EventEmitter) =>
  new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));

/** The context the core received, and whether its signal fired as a deadline. */
function sawDeadline(ctx: OperationContext | undefined) {
  const reason: unknown = ctx?.signal.reason;
  return {
    aborted: ctx?.signal.aborted,
    code: isCommerceError(reason) ? reason.code : undefined,
  };
}

describe('gRPC deadlines reach the core', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture({ PAYMENT_SLOW_SECONDS: '3' });
  });
  afterAll(() => f?.close());

  it('PaymentSession: a deadline during a slow payment aborts the signal the core waits on', async () => {
    const { payments } = f.test.server.commerce;
    const order = await createOrder(f, keys.alice);
    const wait = vi.spyOn(payments, 'waitForOutcome');
    try {
      const call = invoke<grpc.ClientDuplexStream<unknown, PaymentSessionResponse>>(
        f.payments,
        'paymentSession',
        f.auth(keys.alice),
        { deadline: Date.now() + 600 },
      );
      const failed = errorOf(call);
      call.on('data', () => {});
      call.write(
        create(PaymentSessionRequestSchema, {
          command: { case: 'start', value: { orderId: order.id, paymentMethod: 'pm_card_slow' } },
        }),
      );
      expect((await failed).code).toBe(grpc.status.DEADLINE_EXCEEDED);
      const ctx = wait.mock.calls.at(-1)?.[0];
      await expect
        .poll(() => sawDeadline(ctx))
        .toEqual({ aborted: true, code: 'deadline_exceeded' });
      // The session stopped following the payment: no more waits in the core.
      const waits = wait.mock.calls.length;
      await sleep(300);
      expect(wait.mock.calls.length).toBe(waits);
    } finally {
      wait.mockRestore();
    }
  });

  it('WatchEvents: a deadline while waiting for live events aborts the subscription in the core', async () => {
    const { events } = f.test.server.commerce;
    const subscribe = vi.spyOn(events, 'subscribe');
    try {
      const call = invoke<grpc.ClientReadableStream<WatchEventsResponse>>(
        f.events,
        'watchEvents',
        create(WatchEventsRequestSchema, { afterSequence: 1_000_000n }),
        f.auth(keys.alice),
        { deadline: Date.now() + 400 },
      );
      const failed = errorOf(call);
      call.on('data', () => {});
      expect((await failed).code).toBe(grpc.status.DEADLINE_EXCEEDED);
      const ctx = subscribe.mock.calls.at(-1)?.[0];
      await expect
        .poll(() => sawDeadline(ctx))
        .toEqual({ aborted: true, code: 'deadline_exceeded' });
      await expect
        .poll(async () =>
          (await (await f.test.server.app.request('/metrics')).text()).includes(
            'commerce_requests_total{protocol="grpc",operation="WatchEvents",outcome="deadline_exceeded"} 1',
          ),
        )
        .toBe(true);
    } finally {
      subscribe.mockRestore();
    }
    expect((await createOrder(f, keys.alice)).id).toMatch(/^ord_/);
  });
});
