import type { ApiKeyRecord } from '../domain/api-key.js';
import type { DomainEvent, EventType, NewEvent } from '../domain/event.js';
import type { Job, JobOutcome, NewJob } from '../domain/job.js';
import type { Order, OrderStatus } from '../domain/order.js';
import type { Payment, PaymentStatus } from '../domain/payment.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../domain/webhook.js';

/** A position in a list ordered by (createdAt desc, id desc): rows strictly after it are returned. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

/** Either keyset pagination (preferred, stable under inserts) or offset pagination. */
export type PageRequest =
  | { kind: 'cursor'; after: ListPosition | null; limit: number }
  | { kind: 'offset'; offset: number; limit: number };

export interface OrderFilter {
  customerId?: string;
  status?: OrderStatus;
}

export interface PaymentFilter {
  customerId?: string;
  orderId?: string;
  status?: PaymentStatus;
}

/** Orders, newest first. `update` is a compare-and-set on the version. */
export interface OrderRepository {
  get(id: string): Promise<Order | null>;
  getMany(ids: readonly string[]): Promise<Order[]>;
  /** Up to `page.limit` orders ordered by (createdAt desc, id desc). */
  list(filter: OrderFilter, page: PageRequest): Promise<Order[]>;
  insert(order: Order): Promise<void>;
  /** Writes `order` if the stored version is `expectedVersion`; false otherwise. */
  update(order: Order, expectedVersion: number): Promise<boolean>;
}

export interface PaymentRepository {
  get(id: string): Promise<Payment | null>;
  getMany(ids: readonly string[]): Promise<Payment[]>;
  /** Every payment of each given order (for batch loading), oldest first. */
  listByOrderIds(orderIds: readonly string[]): Promise<Payment[]>;
  list(filter: PaymentFilter, page: PageRequest): Promise<Payment[]>;
  insert(payment: Payment): Promise<void>;
  update(payment: Payment, expectedVersion: number): Promise<boolean>;
}

export interface EventFilter {
  customerId?: string;
  orderId?: string;
  types?: readonly EventType[];
}

/** The transactional outbox: append inside the transaction of the change it describes. */
export interface EventLog {
  /** Assigns the next sequence (gap-free, increasing) and stores the event. */
  append(event: NewEvent): Promise<DomainEvent>;
  /** Events with sequence > `afterSequence`, ascending, at most `limit`. */
  readAfter(afterSequence: number, filter: EventFilter, limit: number): Promise<DomainEvent[]>;
  /** The highest sequence committed so far (0 when empty). */
  head(): Promise<number>;
}

export interface IdempotencyRecord {
  principalId: string;
  key: string;
  operation: string;
  requestHash: string;
  status: 'in_progress' | 'completed';
  /** The stored result of the completed operation (JSON). */
  response: unknown;
  createdAt: number;
  expiresAt: number;
  /** An in-progress claim older than this (epoch ms) is considered abandoned. */
  lockedUntil: number;
}

export interface IdempotencyRepository {
  /**
   * Atomically stores `record` unless a live record exists for (principalId, key); a record is
   * live while `expiresAt > now` and, when in progress, while `lockedUntil > now`.
   * Returns null when `record` was stored, else the live record.
   */
  acquire(record: IdempotencyRecord, now: number): Promise<IdempotencyRecord | null>;
  /** Marks the claim completed with its response. */
  complete(principalId: string, key: string, response: unknown): Promise<void>;
  /** Drops an in-progress claim (the operation failed, so a retry may run it again). */
  release(principalId: string, key: string): Promise<void>;
  /** Removes records whose `expiresAt <= now`; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

export interface LockRecord {
  resource: string;
  token: string;
  ownerId: string;
  expiresAt: number;
}

/** Pessimistic locks with expiry. Expired locks count as absent everywhere. */
export interface LockRepository {
  /** Takes the lock if no live lock exists; returns the live lock that blocks it otherwise. */
  acquire(
    lock: LockRecord,
    now: number,
  ): Promise<{ acquired: true } | { acquired: false; current: LockRecord }>;
  /** The live lock on `resource`, if any. */
  get(resource: string, now: number): Promise<LockRecord | null>;
  /** Releases the lock if `token` holds it; returns whether it did. */
  release(resource: string, token: string): Promise<boolean>;
}

export interface LeaseRequest {
  workerId: string;
  now: number;
  leaseMs: number;
  types?: readonly string[];
}

/** Durable job queue with leases: a crashed worker's job is leased again after its lease expires. */
export interface JobRepository {
  enqueue(job: NewJob): Promise<Job>;
  get(id: string): Promise<Job | null>;
  /**
   * Leases the oldest due job: queued with `runAt <= now`, or running with an expired lease.
   * Sets status running, owner, lease expiry, and increments attempts.
   */
  lease(request: LeaseRequest): Promise<Job | null>;
  /** Extends the lease and records progress if `workerId` still holds it. Null if the lease is lost. */
  heartbeat(
    id: string,
    workerId: string,
    leaseExpiresAt: number,
    progress?: { percent: number; message: string | null },
  ): Promise<Job | null>;
  /** Ends the attempt if `workerId` still holds the lease (fencing); returns whether it did. */
  finish(id: string, workerId: string, outcome: JobOutcome, now: number): Promise<boolean>;
  /** Flags a job for cancellation; a queued job is cancelled at once. Null for unknown ids. */
  requestCancel(id: string, now: number): Promise<Job | null>;
  /** Hands every job leased by `workerId` back to the queue without counting the attempt. */
  releaseLeases(workerId: string, now: number): Promise<number>;
  counts(): Promise<Record<'queued' | 'running' | 'dead', number>>;
}

export interface ApiKeyRepository {
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** Keys whose hash starts with `prefix` (a public key fingerprint, see `apiKeyFingerprint`). */
  findByHashPrefix(prefix: string): Promise<ApiKeyRecord[]>;
  /** Inserts the key unless one with the same hash exists. */
  upsert(record: ApiKeyRecord): Promise<void>;
}

export interface WebhookEndpointFilter {
  ownerCustomerId?: string;
}

/** Webhook endpoints, newest first. `update` is a compare-and-set on the version. */
export interface WebhookEndpointRepository {
  get(id: string): Promise<WebhookEndpoint | null>;
  list(filter: WebhookEndpointFilter, page: PageRequest): Promise<WebhookEndpoint[]>;
  /** Every enabled endpoint, in no particular order (the dispatcher matches events to them). */
  listEnabled(): Promise<WebhookEndpoint[]>;
  insert(endpoint: WebhookEndpoint): Promise<void>;
  update(endpoint: WebhookEndpoint, expectedVersion: number): Promise<boolean>;
  /** Removes the endpoint with its deliveries and their attempts; false for an unknown id. */
  delete(id: string): Promise<boolean>;
}

/** Deliveries of events to endpoints, and the log of their HTTP attempts. */
export interface WebhookDeliveryRepository {
  get(id: string): Promise<WebhookDelivery | null>;
  /** An endpoint's deliveries ordered by (createdAt desc, id desc). */
  list(endpointId: string, page: PageRequest): Promise<WebhookDelivery[]>;
  /** Fails (throws) when the endpoint already has a delivery of the same event. */
  insert(delivery: WebhookDelivery): Promise<void>;
  /** Overwrites the mutable fields (status, attempts, lastStatusCode, jobId, updatedAt). */
  update(delivery: WebhookDelivery): Promise<void>;
  addAttempt(attempt: WebhookAttempt): Promise<void>;
  /** The attempts of the given deliveries, by delivery then attempt number ascending. */
  listAttempts(deliveryIds: readonly string[]): Promise<WebhookAttempt[]>;
}

/** Durable positions of log consumers (e.g. the webhook dispatcher) in the event log. */
export interface LogCursorRepository {
  /** The sequence `name` has consumed up to; 0 when it never advanced. */
  get(name: string): Promise<number>;
  /** Moves `name` from `from` to `to` if it is still at `from` (compare-and-set). */
  advance(name: string, from: number, to: number): Promise<boolean>;
}

/** Everything a use case reads or writes, as seen inside (or outside) a transaction. */
export interface Repositories {
  orders: OrderRepository;
  payments: PaymentRepository;
  events: EventLog;
  idempotency: IdempotencyRepository;
  locks: LockRepository;
  jobs: JobRepository;
  apiKeys: ApiKeyRepository;
  webhookEndpoints: WebhookEndpointRepository;
  webhookDeliveries: WebhookDeliveryRepository;
  logCursors: LogCursorRepository;
}

/**
 * The persistence port. Reads outside a transaction see committed data only. `transaction`
 * runs `work` atomically and serializably with respect to other writers: all of its writes,
 * events included, commit together or not at all. `work` uses only the `tx` it is given:
 * calling the store itself from inside it may deadlock (SQLite rejects it).
 *
 * Conventions every implementation follows (the contract suite checks them):
 * - an expiry (lock, lease, idempotency record) has passed when it is `<= now`;
 * - `getMany` returns the rows found, in no particular order;
 * - an empty `types` filter matches nothing (omit it to match everything);
 * - a lease is held while the job is running and owned by the worker, even past its expiry,
 *   until another worker leases the job: fencing is by ownership, not by the clock.
 */
export interface Store extends Repositories {
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Throws when the backing database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
