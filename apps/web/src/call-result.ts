/** The four API styles the console compares. */
export type Style = 'rest' | 'grpc' | 'graphql' | 'soap';

/** One real call to the server, as a panel shows it. */
export interface CallResult {
  /** The operation's name in that style, e.g. `POST /api/v1/orders` or `CreateOrder`. */
  operation: string;
  /** The exact request, as a command one can paste into a shell. */
  request: string;
  /** The exact response: status line, notable headers or trailers, then the body. */
  response: string;
  /** The style's own status: `201 Created`, `OK`, `NOT_FOUND`… */
  status: string;
  ok: boolean;
  /** Bytes on the wire of the request and response bodies (protobuf messages for gRPC). */
  requestBytes: number;
  responseBytes: number;
  /** Milliseconds from sending the request to having read the whole response. */
  latencyMs: number;
  /** The order the response carries, when it carries one. */
  order?: { id: string; version: number; status: string };
}

/** What a create-order request holds, whatever the style. */
export interface OrderInput {
  /** Set for an admin key, which must name the customer. */
  customerId?: string;
  items: { sku: string; quantity: number; unitPrice: number }[];
  currency: string;
}

/** What every style's client offers the panels. */
export interface StyleClient {
  createOrder(apiKey: string, input: OrderInput, idempotencyKey: string): Promise<CallResult>;
  getOrder(apiKey: string, orderId: string): Promise<CallResult>;
}

/** UTF-8 byte length of a string (what the body costs on the wire). */
export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** Single-quotes a string for a POSIX shell. */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** A random hex id for idempotency keys (crypto.randomUUID needs a secure context; this does not). */
export const randomId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
