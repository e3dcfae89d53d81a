import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type {
  JobStatus as CoreJobStatus,
  Order as CoreOrder,
  OrderStatus as CoreOrderStatus,
  Payment as CorePayment,
  PaymentStatus as CorePaymentStatus,
  DomainEvent,
  PaymentProgress,
} from '@commerce/core';
import {
  type Event,
  EventSchema,
  type Job,
  JobSchema,
  JobStatus,
  type Order,
  OrderSchema,
  OrderStatus,
  type Payment,
  PaymentSchema,
  PaymentStatus,
} from '@commerce/proto';

/** Core states as protobuf enum values (and back, in from-proto.ts). */
export const ORDER_STATUS: Record<CoreOrderStatus, OrderStatus> = {
  pending: OrderStatus.PENDING,
  paid: OrderStatus.PAID,
  fulfilled: OrderStatus.FULFILLED,
  cancelled: OrderStatus.CANCELLED,
};

export const PAYMENT_STATUS: Record<CorePaymentStatus, PaymentStatus> = {
  processing: PaymentStatus.PROCESSING,
  succeeded: PaymentStatus.SUCCEEDED,
  failed: PaymentStatus.FAILED,
  refunded: PaymentStatus.REFUNDED,
};

const JOB_STATUS: Record<CoreJobStatus, JobStatus> = {
  queued: JobStatus.QUEUED,
  running: JobStatus.RUNNING,
  succeeded: JobStatus.SUCCEEDED,
  failed: JobStatus.FAILED,
  dead: JobStatus.DEAD,
  cancelled: JobStatus.CANCELLED,
};

const timestamp = (iso: string) => timestampFromDate(new Date(iso));

export function orderToProto(order: CoreOrder): Order {
  return create(OrderSchema, {
    id: order.id,
    customerId: order.customerId,
    items: order.items.map((item) => ({
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: BigInt(item.unitPrice),
    })),
    amount: BigInt(order.amount),
    currency: order.currency,
    status: ORDER_STATUS[order.status],
    version: BigInt(order.version),
    createdAt: timestamp(order.createdAt),
    updatedAt: timestamp(order.updatedAt),
  });
}

export function paymentToProto(payment: CorePayment): Payment {
  return create(PaymentSchema, {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: BigInt(payment.amount),
    currency: payment.currency,
    paymentMethod: payment.paymentMethod,
    status: PAYMENT_STATUS[payment.status],
    ...(payment.failureCode === null ? {} : { failureCode: payment.failureCode }),
    jobId: payment.jobId,
    version: BigInt(payment.version),
    createdAt: timestamp(payment.createdAt),
    updatedAt: timestamp(payment.updatedAt),
  });
}

export function jobToProto(progress: PaymentProgress): Job {
  return create(JobSchema, {
    id: progress.jobId,
    status: JOB_STATUS[progress.status],
    attempts: progress.attempts,
    progress: progress.percent,
    ...(progress.message === null ? {} : { progressMessage: progress.message }),
  });
}

export function eventToProto(event: DomainEvent): Event {
  return create(EventSchema, {
    sequence: BigInt(event.sequence),
    id: event.id,
    type: event.type,
    customerId: event.customerId,
    orderId: event.orderId,
    ...(event.paymentId === null ? {} : { paymentId: event.paymentId }),
    data: event.data.order
      ? { case: 'order', value: orderToProto(event.data.order) }
      : { case: 'payment', value: paymentToProto(event.data.payment) },
    occurredAt: timestamp(event.occurredAt),
    ...(event.traceparent === null ? {} : { traceparent: event.traceparent }),
  });
}
