import { create } from '@bufbuild/protobuf';
import type { PaymentMethod } from '@commerce/core';
import {
  CreatePaymentResponseSchema,
  GetPaymentResponseSchema,
  ListPaymentsResponseSchema,
  PaymentService,
  RefundPaymentResponseSchema,
} from '@commerce/proto';
import { bridgeService, type GrpcService } from './bridge.js';
import { idempotencyKeyOf } from './call-scope.js';
import { PAGING_RENAMES } from './field-paths.js';
import { optionalNumber, optionalText, paymentStatusFromProto } from './from-proto.js';
import { paymentSession } from './payment-session.js';
import { type RpcEnv, unary } from './rpc.js';
import { jobToProto, paymentToProto } from './to-proto.js';

const BY_PAYMENT_ID = { id: 'payment_id' };

/** PaymentService: each RPC is one call on `commerce.payments`; PaymentSession combines them. */
export function paymentService(env: RpcEnv): GrpcService {
  const { payments } = env.commerce;
  return bridgeService(PaymentService, {
    createPayment: unary(
      env,
      'CreatePayment',
      async (ctx, req, call) => {
        const { value, replayed } = await payments.create(
          ctx,
          // The core validates the method: an unknown one is `invalid_argument`.
          { orderId: req.orderId, paymentMethod: req.paymentMethod as PaymentMethod },
          idempotencyKeyOf(call.metadata),
        );
        return {
          message: create(CreatePaymentResponseSchema, { payment: paymentToProto(value) }),
          replayed,
        };
      },
      { idempotencyKey: 'idempotency-key' },
    ),

    getPayment: unary(
      env,
      'GetPayment',
      async (ctx, req) => {
        const payment = await payments.get(ctx, req.paymentId);
        const job = await payments.progress(ctx, payment.id);
        return {
          message: create(GetPaymentResponseSchema, {
            payment: paymentToProto(payment),
            job: jobToProto(job),
          }),
        };
      },
      BY_PAYMENT_ID,
    ),

    listPayments: unary(
      env,
      'ListPayments',
      async (ctx, req) => {
        const page = await payments.list(ctx, {
          orderId: optionalText(req.orderId),
          customerId: optionalText(req.customerId),
          status: paymentStatusFromProto(req.status),
          cursor: optionalText(req.pageToken),
          limit: optionalNumber(req.pageSize),
        });
        return {
          message: create(ListPaymentsResponseSchema, {
            payments: page.items.map(paymentToProto),
            nextPageToken: page.nextCursor ?? '',
          }),
        };
      },
      PAGING_RENAMES,
    ),

    refundPayment: unary(
      env,
      'RefundPayment',
      async (ctx, req, call) => {
        const { value, replayed } = await payments.refund(
          ctx,
          req.paymentId,
          idempotencyKeyOf(call.metadata),
        );
        return {
          message: create(RefundPaymentResponseSchema, { payment: paymentToProto(value) }),
          replayed,
        };
      },
      { ...BY_PAYMENT_ID, idempotencyKey: 'idempotency-key' },
    ),

    paymentSession: paymentSession(env),
  });
}
