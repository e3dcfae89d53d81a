import type { ErrorCode, EventType, Order, Payment } from '@commerce/core';
import type { EventView } from './api-client.js';

/** The REST API's snake_case JSON, mapped back to the core's shapes for comparison. */

type Wire = Record<string, unknown>;
const str = (v: unknown) => v as string;
const num = (v: unknown) => v as number;

export const orderFromWire = (o: Wire): Order => ({
  id: str(o.id),
  customerId: str(o.customer_id),
  items: (o.items as Wire[]).map((i) => ({
    sku: str(i.sku),
    quantity: num(i.quantity),
    unitPrice: num(i.unit_price),
  })),
  amount: num(o.amount),
  currency: str(o.currency),
  status: o.status as Order['status'],
  version: num(o.version),
  createdAt: str(o.created_at),
  updatedAt: str(o.updated_at),
});

export const paymentFromWire = (p: Wire): Payment => ({
  id: str(p.id),
  orderId: str(p.order_id),
  customerId: str(p.customer_id),
  amount: num(p.amount),
  currency: str(p.currency),
  paymentMethod: p.payment_method as Payment['paymentMethod'],
  status: p.status as Payment['status'],
  failureCode: p.failure_code as string | null,
  jobId: str(p.job_id),
  version: num(p.version),
  createdAt: str(p.created_at),
  updatedAt: str(p.updated_at),
});

export const eventFromWire = (e: Wire): EventView => ({
  sequence: num(e.sequence),
  type: e.type as EventType,
  orderId: str(e.order_id),
  paymentId: e.payment_id as string | null,
  customerId: str(e.customer_id),
});

/** What a problem+json body says: the stable code, the detail and the request id. */
export const problemFromWire = (body: Wire) => ({
  code: body.code as ErrorCode,
  message: str(body.detail ?? body.title),
  requestId: (body.request_id as string | undefined) ?? null,
});
