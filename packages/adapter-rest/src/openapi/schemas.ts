import {
  ERROR_CODES,
  EVENT_TYPES,
  JOB_STATUSES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
} from '@commerce/core';
import { z } from '@hono/zod-openapi';

/** The wire schemas (snake_case) of the OpenAPI document. The core validates requests. */

const timestamp = z.iso.datetime();

export const OrderItem = z
  .object({
    sku: z.string().openapi({ example: 'sku-book' }),
    quantity: z.number().int().min(1).openapi({ example: 2 }),
    unit_price: z.number().int().min(0).openapi({ description: 'Minor units', example: 1250 }),
  })
  .openapi('OrderItem');

export const Order = z
  .object({
    id: z.string().openapi({ example: 'ord_01jd5x0k3m8q2r7t9v4w6y8z0a' }),
    customer_id: z.string(),
    items: z.array(OrderItem),
    amount: z.number().int().openapi({ description: 'Total in minor units' }),
    currency: z.string().openapi({ example: 'EUR' }),
    status: z.enum(ORDER_STATUSES),
    version: z.number().int().min(1),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Order');

export const Payment = z
  .object({
    id: z.string().openapi({ example: 'pay_01jd5x0k3m8q2r7t9v4w6y8z0a' }),
    order_id: z.string(),
    customer_id: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    payment_method: z.enum(PAYMENT_METHODS),
    status: z.enum(PAYMENT_STATUSES),
    failure_code: z.string().nullable(),
    job_id: z.string(),
    version: z.number().int().min(1),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Payment');

export const PaymentJob = z
  .object({
    job_id: z.string(),
    status: z.enum(JOB_STATUSES),
    attempts: z.number().int(),
    percent: z.number().min(0).max(100),
    message: z.string().nullable(),
  })
  .openapi('PaymentJob');

export const OrderLock = z
  .object({ order_id: z.string(), token: z.string(), expires_at: timestamp })
  .openapi('OrderLock');

export const Event = z
  .object({
    sequence: z.number().int().min(1),
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    customer_id: z.string(),
    order_id: z.string(),
    payment_id: z.string().nullable(),
    data: z.union([z.object({ order: Order }), z.object({ payment: Payment })]),
    traceparent: z.string().nullable(),
    occurred_at: timestamp,
  })
  .openapi('Event');

const page = {
  next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor`; null at the end' }),
  page: z.number().int().nullable().openapi({ description: 'Set for page/limit requests' }),
  limit: z.number().int(),
};
export const OrderList = z.object({ data: z.array(Order), ...page }).openapi('OrderList');
export const PaymentList = z.object({ data: z.array(Payment), ...page }).openapi('PaymentList');
export const EventBatch = z
  .object({ events: z.array(Event), next_sequence: z.number().int().min(0) })
  .openapi('EventBatch');

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES),
    request_id: z.string(),
    trace_id: z.string(),
    errors: z.array(z.object({ field: z.string(), description: z.string() })).optional(),
    retry_after_seconds: z.number().int().optional(),
    current_version: z.number().int().optional(),
    current_state: z.string().optional(),
    locked_until: timestamp.optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details with the stable error code' });

export const CreateOrderBody = z
  .object({
    customer_id: z.string().optional().openapi({ description: 'Required for an admin key' }),
    items: z.array(OrderItem).min(1),
    currency: z.string(),
  })
  .openapi('CreateOrder');

export const ReplaceOrderBody = z
  .object({ items: z.array(OrderItem).min(1), currency: z.string() })
  .openapi('ReplaceOrder');

export const CreatePaymentBody = z
  .object({ order_id: z.string(), payment_method: z.enum(PAYMENT_METHODS) })
  .openapi('CreatePayment');
