import type {
  ApiKeyRecord,
  DomainEvent,
  EventData,
  EventType,
  IdempotencyRecord,
  Job,
  JobStatus,
  LockRecord,
  Order,
  OrderItem,
  OrderStatus,
  Payment,
  PaymentMethod,
  PaymentStatus,
  Role,
} from '@commerce/core';

// Rows as node-postgres returns them (snake_case columns) and their domain objects. The pool's
// type parsers (pool.ts) already turn bigint into number and json into values, so the mapping
// here only renames fields and narrows string unions.

/** Serializes a value for a `json` parameter; `undefined` is stored as JSON null. */
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);

export interface OrderRow {
  id: string;
  customer_id: string;
  items: OrderItem[];
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
  items: row.items,
  amount: row.amount,
  currency: row.currency,
  status: row.status as OrderStatus,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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
  data: EventData;
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
  data: row.data,
  traceparent: row.traceparent,
  occurredAt: row.occurred_at,
});

export interface IdempotencyRow {
  principal_id: string;
  key: string;
  operation: string;
  request_hash: string;
  status: string;
  response: unknown;
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
  response: row.response,
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
  payload: unknown;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  progress: number;
  progress_message: string | null;
  cancel_requested: boolean;
  last_error: string | null;
  result: unknown;
  created_at: string;
  updated_at: string;
}

export const toJob = (row: JobRow): Job => ({
  id: row.id,
  type: row.type,
  payload: row.payload,
  status: row.status as JobStatus,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: row.run_at,
  leaseOwner: row.lease_owner,
  leaseExpiresAt: row.lease_expires_at,
  progress: row.progress,
  progressMessage: row.progress_message,
  cancelRequested: row.cancel_requested,
  lastError: row.last_error,
  result: row.result,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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
