import {
  type DomainEvent,
  invalidArgument,
  type Order,
  type OrderItem,
  type OrderLock,
  type Payment,
  type PaymentProgress,
} from '@commerce/core';

/** The JSON wire shapes: snake_case names, same meaning as the core's camelCase fields. */

export const wireItem = (item: OrderItem) => ({
  sku: item.sku,
  quantity: item.quantity,
  unit_price: item.unitPrice,
});

export const wireOrder = (order: Order) => ({
  id: order.id,
  customer_id: order.customerId,
  items: order.items.map(wireItem),
  amount: order.amount,
  currency: order.currency,
  status: order.status,
  version: order.version,
  created_at: order.createdAt,
  updated_at: order.updatedAt,
});

export const wirePayment = (payment: Payment) => ({
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

export const wireProgress = (progress: PaymentProgress) => ({
  job_id: progress.jobId,
  status: progress.status,
  attempts: progress.attempts,
  percent: progress.percent,
  message: progress.message,
});

export const wireLock = (lock: OrderLock) => ({
  order_id: lock.orderId,
  token: lock.token,
  expires_at: lock.expiresAt,
});

export const wireEvent = (event: DomainEvent) => ({
  sequence: event.sequence,
  id: event.id,
  type: event.type,
  customer_id: event.customerId,
  order_id: event.orderId,
  payment_id: event.paymentId,
  data: event.data.order
    ? { order: wireOrder(event.data.order) }
    : { payment: wirePayment(event.data.payment) },
  traceparent: event.traceparent,
  occurred_at: event.occurredAt,
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Renames the snake_case fields of a request object to the core's names (`names` maps wire to
 * core; other fields are dropped, as the core's schemas drop unknown keys). Values pass through
 * untouched, whatever their type: validating them is the core's job.
 */
export function fromWire(
  body: unknown,
  names: Record<string, string>,
  field = 'request',
): Record<string, unknown> {
  if (!isRecord(body)) throw invalidArgument(field, 'must be a JSON object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = names[key];
    if (name !== undefined) out[name] = value;
  }
  return out;
}

const ITEM_NAMES = { sku: 'sku', quantity: 'quantity', unit_price: 'unitPrice' };

/** `items` of a request body, each item renamed (`unit_price` → `unitPrice`). */
export const itemsFromWire = (items: unknown): unknown =>
  Array.isArray(items) ? items.map((item, i) => fromWire(item, ITEM_NAMES, `items[${i}]`)) : items;
