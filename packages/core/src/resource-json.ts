import type { DomainEvent } from './domain/event.js';
import type { Order, OrderItem } from './domain/order.js';
import type { Payment } from './domain/payment.js';
import type { PaymentProgress } from './services/payments.js';

/*
 * The one JSON representation of the resources, shared by every JSON channel (REST, SSE, the
 * WebSocket API, webhook bodies): snake_case names with the core's meaning, field for field.
 * Here rather than in an adapter because several adapters must send identical bytes, and
 * adapters may not import each other.
 */

export const orderItemJson = (item: OrderItem) => ({
  sku: item.sku,
  quantity: item.quantity,
  unit_price: item.unitPrice,
});

export const orderJson = (order: Order) => ({
  id: order.id,
  customer_id: order.customerId,
  items: order.items.map(orderItemJson),
  amount: order.amount,
  currency: order.currency,
  status: order.status,
  version: order.version,
  created_at: order.createdAt,
  updated_at: order.updatedAt,
});

export const paymentJson = (payment: Payment) => ({
  id: payment.id,
  order_id: payment.orderId,
  customer_id: payment.customerId,
  amount: payment.amount,
  currency: payment.currency,
  payment_method: payment.paymentMethod,
  status: payment.status,
  failure_code: payment.failureCode,
  job_id: payment.jobId,
  version: payment.version,
  created_at: payment.createdAt,
  updated_at: payment.updatedAt,
});

/** The processing job of a payment. */
export const paymentProgressJson = (progress: PaymentProgress) => ({
  job_id: progress.jobId,
  status: progress.status,
  attempts: progress.attempts,
  percent: progress.percent,
  message: progress.message,
});

/** An event of the log, with the snapshot of the resource it describes. */
export const eventJson = (event: DomainEvent) => ({
  sequence: event.sequence,
  id: event.id,
  type: event.type,
  customer_id: event.customerId,
  order_id: event.orderId,
  payment_id: event.paymentId,
  data: event.data.order
    ? { order: orderJson(event.data.order) }
    : { payment: paymentJson(event.data.payment) },
  traceparent: event.traceparent,
  occurred_at: event.occurredAt,
});
