import type {
  ApiKeyRecord,
  DomainEvent,
  EventData,
  EventType,
  IdempotencyRecord,
  Job,
  JobStatus,
  LockRecord,
  NewJob,
  Order,
  OrderItem,
  OrderStatus,
  Payment,
  PaymentMethod,
  PaymentStatus,
  Role,
} from '@commerce/core';

// Rows as SQLite returns them (snake_case columns), and the mapping to and from domain objects.
// Parameters are bound by name from the camelCase fields (`@customerId`); only values SQLite
// cannot bind directly (objects, booleans) are converted here. The writes every create runs
// (order insert, event append, idempotency claim) bind positionally instead, in their files.

/** Serializes a JSON column; `undefined` is stored as JSON null. */
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);

const fromJson = <T>(text: string): T => JSON.parse(text) as T;

export interface OrderRow {
  id: string;
  customer_id: string;
  items: string;
  amount: number;
  currency: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  customerId: row.customer_id,
  items: fromJson<OrderItem[]>(row.items),
  amount: row.amount,
  currency: row.currency,
  status: row.status as OrderStatus,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The columns of `orders` in the order `toOrderFromRaw` reads them (`SELECT ${ORDER_COLUMNS}`). */
export const ORDER_COLUMNS =
  'id, customer_id, items, amount, currency, status, version, created_at, updated_at';

/** A row of `ORDER_COLUMNS` read in raw mode (an array: no object with nine named keys built per row). */
export type OrderRawRow = [string, string, string, number, string, string, number, string, string];

export const toOrderFromRaw = (row: OrderRawRow): Order => ({
  id: row[0],
  customerId: row[1],
  items: fromJson<OrderItem[]>(row[2]),
  amount: row[3],
  currency: row[4],
  status: row[5] as OrderStatus,
  version: row[6],
  createdAt: row[7],
  updatedAt: row[8],
});

export const orderParams = (order: Order) => ({ ...order, items: toJson(order.items) });

export interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  amount: number;
  currency: string;
  payment_method: string;
  status: string;
  failure_code: string | null;
  job_id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  orderId: row.order_id,
  customerId: row.customer_id,
  amount: row.amount,
  currency: row.currency,
  paymentMethod: row.payment_method as PaymentMethod,
  status: row.status as PaymentStatus,
  failureCode: row.failure_code,
  jobId: row.job_id,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface EventRow {
  sequence: number;
  id: string;
  type: string;
  customer_id: string;
  order_id: string;
  payment_id: string | null;
  data: string;
  traceparent: string | null;
  occurred_at: string;
}

export const toEvent = (row: EventRow): DomainEvent => ({
  sequence: row.sequence,
  id: row.id,
  type: row.type as EventType,
  customerId: row.customer_id,
  orderId: row.order_id,
  paymentId: row.payment_id,
  data: fromJson<EventData>(row.data),
  traceparent: row.traceparent,
  occurredAt: row.occurred_at,
});

export interface IdempotencyRow {
  principal_id: string;
  key: string;
  operation: string;
  request_hash: string;
  status: string;
  response: string;
  created_at: number;
  expires_at: number;
  locked_until: number;
}

export const toIdempotencyRecord = (row: IdempotencyRow): IdempotencyRecord => ({
  principalId: row.principal_id,
  key: row.key,
  operation: row.operation,
  requestHash: row.request_hash,
  status: row.status as IdempotencyRecord['status'],
  response: fromJson<unknown>(row.response),
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lockedUntil: row.locked_until,
});

export interface LockRow {
  resource: string;
  token: string;
  owner_id: string;
  expires_at: number;
}

export const toLock = (row: LockRow): LockRecord => ({
  resource: row.resource,
  token: row.token,
  ownerId: row.owner_id,
  expiresAt: row.expires_at,
});

export interface JobRow {
  id: string;
  type: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  progress: number;
  progress_message: string | null;
  cancel_requested: number;
  last_error: string | null;
  result: string;
  created_at: string;
  updated_at: string;
}

export const toJob = (row: JobRow): Job => ({
  id: row.id,
  type: row.type,
  payload: fromJson<unknown>(row.payload),
  status: row.status as JobStatus,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: row.run_at,
  leaseOwner: row.lease_owner,
  leaseExpiresAt: row.lease_expires_at,
  progress: row.progress,
  progressMessage: row.progress_message,
  cancelRequested: row.cancel_requested === 1,
  lastError: row.last_error,
  result: fromJson<unknown>(row.result),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const newJobParams = (job: NewJob) => ({ ...job, payload: toJson(job.payload) });

export interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  role: string;
  customer_id: string | null;
  created_at: string;
}

export const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  keyHash: row.key_hash,
  role: row.role as Role,
  customerId: row.customer_id,
  createdAt: row.created_at,
});
