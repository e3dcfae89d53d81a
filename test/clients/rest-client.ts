import type { OpenApiContract } from '../support/openapi-contract.js';
import { type ApiClient, ApiError, type ClientFactory, type EventView } from './api-client.js';
import { eventFromWire, orderFromWire, paymentFromWire, problemFromWire } from './rest-wire.js';

type Wire = Record<string, unknown>;
type Headers = Record<string, string | undefined>;

export interface RestResult {
  status: number;
  headers: globalThis.Headers;
  body: Wire;
}

const etag = (version: number) => `"v${version}"`;
const defined = (headers: Headers) =>
  Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;

/**
 * The REST API over real HTTP (`fetch`). Every response is checked against the served OpenAPI
 * document when a contract is given; problem bodies become ApiError with the stable code.
 */
export function restClients(baseUrl: string, contract?: OpenApiContract): ClientFactory {
  return {
    protocol: 'rest',
    async connect(apiKey) {
      async function call(
        method: string,
        path: string,
        options: { body?: unknown; headers?: Headers; signal?: AbortSignal } = {},
      ): Promise<RestResult> {
        const url = `${baseUrl}${path}`;
        const response = await fetch(url, {
          method,
          headers: defined({
            Authorization: `Bearer ${apiKey}`,
            ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...options.headers,
          }),
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const text = await response.text();
        contract?.check(method, url, response, text);
        const body = (text === '' ? {} : JSON.parse(text)) as Wire;
        if (response.status >= 400) {
          const problem = problemFromWire(body);
          throw new ApiError(problem.code, problem.message, problem.requestId);
        }
        return { status: response.status, headers: response.headers, body };
      }
      const replayed = (r: RestResult) => r.headers.get('idempotent-replayed') === 'true';
      const key = (idempotencyKey?: string) => ({ 'Idempotency-Key': idempotencyKey });

      const client: ApiClient = {
        async createOrder(input, options) {
          const body = {
            ...(input.customerId === undefined ? {} : { customer_id: input.customerId }),
            items: input.items.map((i) => ({
              sku: i.sku,
              quantity: i.quantity,
              unit_price: i.unitPrice,
            })),
            currency: input.currency,
          };
          const r = await call('POST', '/api/v1/orders', {
            body,
            headers: key(options?.idempotencyKey),
          });
          return { order: orderFromWire(r.body), replayed: replayed(r) };
        },
        getOrder: async (id) => orderFromWire((await call('GET', `/api/v1/orders/${id}`)).body),
        async listOrders(query) {
          const params = new URLSearchParams(
            defined({
              status: query.status,
              customer_id: query.customerId,
              cursor: query.cursor,
              limit: query.limit === undefined ? undefined : String(query.limit),
            }),
          );
          const r = await call('GET', `/api/v1/orders?${params}`);
          const orders = (r.body.data as Wire[]).map(orderFromWire);
          return { orders, nextCursor: r.body.next_cursor as string | null };
        },
        async replaceOrder(id, input) {
          const items = input.items.map((i) => ({
            sku: i.sku,
            quantity: i.quantity,
            unit_price: i.unitPrice,
          }));
          const r = await call('PUT', `/api/v1/orders/${id}`, {
            body: { items, currency: input.currency },
            headers: { 'If-Match': etag(input.expectedVersion), 'X-Lock-Token': input.lockToken },
          });
          return orderFromWire(r.body);
        },
        async cancelOrder(id, options) {
          const version = options?.expectedVersion;
          const r = await call('DELETE', `/api/v1/orders/${id}`, {
            headers: {
              'If-Match': version === undefined ? undefined : etag(version),
              'X-Lock-Token': options?.lockToken,
            },
          });
          return orderFromWire(r.body);
        },
        async lockOrder(id, ttlSeconds) {
          const ttl = ttlSeconds === undefined ? '' : `&ttl_seconds=${ttlSeconds}`;
          const r = await call('POST', `/api/v1/orders/${id}?lock=true${ttl}`);
          return { token: r.body.token as string, expiresAt: r.body.expires_at as string };
        },
        async unlockOrder(id, token) {
          await call('DELETE', `/api/v1/orders/${id}/lock`, { headers: { 'X-Lock-Token': token } });
        },
        async createPayment(input, options) {
          const r = await call('POST', '/api/v1/payments', {
            body: { order_id: input.orderId, payment_method: input.paymentMethod },
            headers: key(options?.idempotencyKey),
          });
          return { payment: paymentFromWire(r.body), replayed: replayed(r) };
        },
        getPayment: async (id) =>
          paymentFromWire((await call('GET', `/api/v1/payments/${id}`)).body),
        async refundPayment(id, options) {
          const r = await call('POST', `/api/v1/payments/${id}/refunds`, {
            headers: key(options?.idempotencyKey),
          });
          return { payment: paymentFromWire(r.body), replayed: replayed(r) };
        },
        async watchEvents(query, until, timeoutMs = 10_000) {
          // Long polling of the event log: each request returns as soon as events exist.
          const deadline = Date.now() + timeoutMs;
          const received: EventView[] = [];
          let after = query.afterSequence ?? 0;
          while (Date.now() < deadline) {
            const wait = Math.max(1, Math.min(5, Math.floor((deadline - Date.now()) / 1000)));
            const params = new URLSearchParams(
              defined({
                after: String(after),
                order_id: query.orderId,
                types: query.types?.join(','),
                wait: String(wait),
              }),
            );
            const r = await call('GET', `/api/v1/events?${params}`);
            received.push(...(r.body.events as Wire[]).map(eventFromWire));
            after = r.body.next_sequence as number;
            if (received.length > 0 && until(received)) return received;
          }
          throw new ApiError('deadline_exceeded', 'watch ended before the condition held', null);
        },
        close: async () => {},
      };
      return client;
    },
  };
}
