import type { PayloadCounter } from './http-call.js';

/** The operations every style runs, in this order. */
export const OPERATIONS = ['create', 'get', 'list', 'update', 'pay'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What each operation does, for the report. */
export const OPERATION_LABELS: Record<Operation, string> = {
  create: 'create order (idempotency key)',
  get: 'get order',
  list: 'list 50 orders',
  update: 'update (version precondition)',
  pay: 'create payment + learn outcome',
};

/** The API key of every call: admin, so rate limits and ownership stay out of the way. */
export const API_KEY = 'sk_test_admin';
export const CUSTOMER_ID = 'cus_bench';
export const CURRENCY = 'EUR';
/** Succeeds in a few milliseconds: the outcome's latency is the protocol's, not a processor's. */
export const PAYMENT_METHOD = 'pm_card_visa';
export const LIST_SIZE = 50;

/** One order line, in the core's shape. */
export interface Item {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** The order every style creates and updates: `count` lines (the payload-size knob). */
export function scenarioItems(count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `sku-bench-${i}`,
    quantity: 1 + (i % 3),
    unitPrice: 1_250 + i,
  }));
}

/** An order as the scenario tracks it: the id and the version a precondition names. */
export interface OrderRef {
  id: string;
  version: number;
}

/**
 * One style's client for the scenario. Every method checks its answer (status, not a fault,
 * the expected fields) and throws otherwise, so a failing call never counts as a fast one.
 */
export interface StyleClient {
  /** Application payload so far (bodies or protobuf messages, no headers or framing). */
  readonly payload: PayloadCounter;
  createOrder(idempotencyKey: string): Promise<OrderRef>;
  getOrder(id: string): Promise<OrderRef>;
  /** Lists the newest LIST_SIZE orders; resolves with how many came back. */
  listOrders(): Promise<number>;
  /** Replaces the items, naming `order.version` as the precondition. */
  replaceOrder(order: OrderRef): Promise<OrderRef>;
  /** Creates a payment of a pending order and resolves with its final status. */
  pay(orderId: string): Promise<string>;
  close(): void;
}

/** An API style under comparison. */
export interface Style {
  name: 'REST' | 'gRPC' | 'GraphQL' | 'SOAP';
  /** How `pay` learns the outcome in this style, for the report. */
  outcomeVia: string;
  connect(target: { url: string; grpc: string }, items: Item[]): Promise<StyleClient>;
}

/** Polls `read` until the status it returns is final (not `processing`), lower-cased. */
export async function pollUntilFinal(
  read: () => Promise<string>,
  intervalMs: number,
): Promise<string> {
  for (;;) {
    const status = await read();
    if (status.toLowerCase() !== 'processing') return status.toLowerCase();
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
