import type { ApiKeyRecord } from '../domain/api-key.js';
import type { NewEvent } from '../domain/event.js';
import type { NewJob } from '../domain/job.js';
import type { Order } from '../domain/order.js';
import type { Payment } from '../domain/payment.js';
import type { IdempotencyRecord, LockRecord } from '../ports/store.js';

/** A fixed instant the fixtures are built around, so expiry tests never depend on the wall clock. */
export const T0 = Date.UTC(2030, 0, 1);

/** The ISO timestamp `offsetMs` after `T0`, in the format the domain stores. */
export const isoAfter = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

let counter = 0;

/** A unique id with the given prefix; ids made later sort after ids made earlier. */
export function fixtureId(prefix: string): string {
  counter += 1;
  return `${prefix}_test${String(counter).padStart(8, '0')}`;
}

/** A pending order of one item; `amount` follows the items unless overridden. */
export function makeOrder(overrides: Partial<Order> = {}): Order {
  const items = overrides.items ?? [{ sku: 'sku_tea', quantity: 2, unitPrice: 450 }];
  return {
    id: fixtureId('ord'),
    customerId: 'cus_alice',
    items,
    amount: items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    currency: 'EUR',
    status: 'pending',
    version: 1,
    createdAt: isoAfter(0),
    updatedAt: isoAfter(0),
    ...overrides,
  };
}

/** A processing payment for `order`. */
export function makePayment(order: Order, overrides: Partial<Payment> = {}): Payment {
  return {
    id: fixtureId('pay'),
    orderId: order.id,
    customerId: order.customerId,
    amount: order.amount,
    currency: order.currency,
    paymentMethod: 'pm_card_visa',
    status: 'processing',
    failureCode: null,
    jobId: fixtureId('job'),
    version: 1,
    createdAt: isoAfter(0),
    updatedAt: isoAfter(0),
    ...overrides,
  };
}

/** An `order.created` event carrying a snapshot of `order`. */
export function makeOrderEvent(order: Order, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: fixtureId('evt'),
    type: 'order.created',
    customerId: order.customerId,
    orderId: order.id,
    paymentId: null,
    data: { order },
    traceparent: null,
    occurredAt: order.updatedAt,
    ...overrides,
  };
}

/** A `payment.processing` event carrying a snapshot of `payment`. */
export function makePaymentEvent(payment: Payment, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: fixtureId('evt'),
    type: 'payment.processing',
    customerId: payment.customerId,
    orderId: payment.orderId,
    paymentId: payment.id,
    data: { payment },
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    occurredAt: payment.updatedAt,
    ...overrides,
  };
}

/** A job due at `T0`. */
export function makeJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: fixtureId('job'),
    type: 'payment.process',
    payload: { paymentId: 'pay_1', nested: { attempt: [1, 2] } },
    maxAttempts: 5,
    runAt: T0,
    createdAt: isoAfter(0),
    ...overrides,
  };
}

/** An in-progress idempotency claim made at `T0`, kept 24 h, abandoned after 30 s. */
export function makeIdempotencyRecord(
  overrides: Partial<IdempotencyRecord> = {},
): IdempotencyRecord {
  return {
    principalId: 'key_alice',
    key: fixtureId('idem'),
    operation: 'orders.create',
    requestHash: 'hash_a',
    status: 'in_progress',
    response: null,
    createdAt: T0,
    expiresAt: T0 + 24 * 60 * 60 * 1000,
    lockedUntil: T0 + 30_000,
    ...overrides,
  };
}

/** A lock on an order held until `T0 + 60 s`. */
export function makeLock(overrides: Partial<LockRecord> = {}): LockRecord {
  return {
    resource: 'order:ord_locked',
    token: fixtureId('lck'),
    ownerId: 'key_alice',
    expiresAt: T0 + 60_000,
    ...overrides,
  };
}

/** A customer API key. */
export function makeApiKey(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: fixtureId('key'),
    name: 'alice',
    keyHash: fixtureId('hash'),
    role: 'customer',
    customerId: 'cus_alice',
    createdAt: isoAfter(0),
    ...overrides,
  };
}
