import type {
  ErrorCode,
  EventType,
  Order,
  OrderItem,
  OrderStatus,
  Payment,
  PaymentMethod,
} from '@commerce/core';

/**
 * The one interface every protocol's test client implements. Scenarios are written against it
 * once and run over each protocol; values come back in the core's shapes (each client maps its
 * wire format back), and every failure is thrown as an ApiError carrying the stable code.
 */
export interface ApiClient {
  createOrder(
    input: { customerId?: string; items: OrderItem[]; currency: string },
    options?: { idempotencyKey?: string },
  ): Promise<{ order: Order; replayed: boolean }>;
  getOrder(id: string): Promise<Order>;
  listOrders(query: {
    status?: OrderStatus;
    customerId?: string;
    cursor?: string;
    limit?: number;
  }): Promise<{ orders: Order[]; nextCursor: string | null }>;
  replaceOrder(
    id: string,
    input: { items: OrderItem[]; currency: string; expectedVersion: number; lockToken?: string },
  ): Promise<Order>;
  cancelOrder(
    id: string,
    options?: { expectedVersion?: number; lockToken?: string },
  ): Promise<Order>;
  lockOrder(id: string, ttlSeconds?: number): Promise<{ token: string; expiresAt: string }>;
  unlockOrder(id: string, token: string): Promise<void>;
  createPayment(
    input: { orderId: string; paymentMethod: PaymentMethod },
    options?: { idempotencyKey?: string },
  ): Promise<{ payment: Payment; replayed: boolean }>;
  getPayment(id: string): Promise<Payment>;
  refundPayment(
    id: string,
    options?: { idempotencyKey?: string },
  ): Promise<{ payment: Payment; replayed: boolean }>;
  /** Reads the live event stream from `afterSequence` until `until` holds for what was received. */
  watchEvents(
    query: { afterSequence?: number; orderId?: string; types?: EventType[] },
    until: (received: EventView[]) => boolean,
    timeoutMs?: number,
  ): Promise<EventView[]>;
  close(): Promise<void>;
}

/** What every protocol carries of an event, enough to compare them. */
export interface EventView {
  sequence: number;
  type: EventType;
  orderId: string;
  paymentId: string | null;
  customerId: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request id the server reported with the error. */
    readonly requestId: string | null,
  ) {
    super(`${code}: ${message}`);
  }
}

/** A protocol under test: connects a client with an API key to a running target. */
export interface ClientFactory {
  readonly protocol: string;
  connect(apiKey: string): Promise<ApiClient>;
}

/** What a scenario runs against: a running core (in-process or a server) reachable by clients. */
export interface ScenarioTarget extends AsyncDisposable {
  readonly clients: ClientFactory;
}
