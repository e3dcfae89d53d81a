import {
  ERROR_CODES,
  type ErrorCode,
  type EventType,
  type Order,
  type Payment,
} from '@commerce/core';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type ApiClient, ApiError, type ClientFactory, type EventView } from './api-client.js';

const ORDER = `id customerId items { sku quantity unitPrice } amount currency status version createdAt updatedAt`;
const PAYMENT = `id orderId customerId amount currency paymentMethod status failureCode jobId version createdAt updatedAt`;
const EVENT = `sequence type orderId paymentId customerId`;

/** A GraphQL error as the wire carries it. */
export interface WireError {
  message: string;
  extensions?: { code?: string; requestId?: string };
}

/** `NOT_FOUND` → `not_found`; the one irregular name is `INTERNAL_SERVER_ERROR`. */
export function coreCode(code: string | undefined): ErrorCode {
  const lower = code === 'INTERNAL_SERVER_ERROR' ? 'internal' : code?.toLowerCase();
  return (ERROR_CODES as readonly string[]).includes(lower ?? '')
    ? (lower as ErrorCode)
    : 'internal';
}

export const toApiError = (error: WireError): ApiError =>
  new ApiError(
    coreCode(error.extensions?.code),
    error.message,
    error.extensions?.requestId ?? null,
  );

/** `ORDER_CREATED` ↔ `order.created`, `PENDING` ↔ `pending`. */
const fromEnum = <T extends string>(value: string): T => value.toLowerCase().replace('_', '.') as T;
const toEnum = (value: string): string => value.replace('.', '_').toUpperCase();

const toOrder = (o: Order): Order => ({ ...o, status: o.status.toLowerCase() as Order['status'] });
const toPayment = (p: Payment): Payment => ({
  ...p,
  status: p.status.toLowerCase() as Payment['status'],
  paymentMethod: p.paymentMethod.toLowerCase() as Payment['paymentMethod'],
});
const toEventView = (e: EventView): EventView => ({ ...e, type: fromEnum<EventType>(e.type) });

/** Posts one operation over HTTP; resolves `data` or throws the first error as an ApiError. */
export async function postGraphql<T>(
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: WireError[] };
  const [first] = body.errors ?? [];
  if (first) throw toApiError(first);
  if (!body.data) throw new ApiError('internal', `no data (HTTP ${response.status})`, null);
  return body.data;
}

/** An ApiClient over GraphQL: fetch POST for operations, graphql-ws for the event stream. */
export function graphqlClients(baseUrl: string): ClientFactory {
  const httpUrl = `${baseUrl}/graphql`;
  const wsUrl = httpUrl.replace(/^http/, 'ws');
  return {
    protocol: 'graphql',
    async connect(apiKey) {
      const call = <T>(query: string, variables?: Record<string, unknown>) =>
        postGraphql<T>(httpUrl, apiKey, query, variables);
      const client: ApiClient = {
        async createOrder(input, options) {
          const data = await call<{ createOrder: { order: Order; replayed: boolean } }>(
            `mutation($input: CreateOrderInput!, $key: String) {
              createOrder(input: $input, idempotencyKey: $key) { order { ${ORDER} } replayed }
            }`,
            { input, key: options?.idempotencyKey },
          );
          return { order: toOrder(data.createOrder.order), replayed: data.createOrder.replayed };
        },
        async getOrder(id) {
          const data = await call<{ order: Order }>(
            `query($id: ID!) { order(id: $id) { ${ORDER} } }`,
            { id },
          );
          return toOrder(data.order);
        },
        async listOrders(query) {
          const data = await call<{
            orders: {
              nodes: Order[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          }>(
            `query($first: Int, $after: String, $status: OrderStatus, $customerId: String) {
              orders(first: $first, after: $after, status: $status, customerId: $customerId) {
                nodes { ${ORDER} } pageInfo { hasNextPage endCursor }
              }
            }`,
            {
              first: query.limit,
              after: query.cursor,
              status: query.status && toEnum(query.status),
              customerId: query.customerId,
            },
          );
          const { nodes, pageInfo } = data.orders;
          return {
            orders: nodes.map(toOrder),
            nextCursor: pageInfo.hasNextPage ? pageInfo.endCursor : null,
          };
        },
        async replaceOrder(id, { items, currency, expectedVersion, lockToken }) {
          const data = await call<{ replaceOrder: Order }>(
            `mutation($id: ID!, $input: ReplaceOrderInput!, $version: Int!, $token: String) {
              replaceOrder(id: $id, input: $input, expectedVersion: $version, lockToken: $token) { ${ORDER} }
            }`,
            { id, input: { items, currency }, version: expectedVersion, token: lockToken },
          );
          return toOrder(data.replaceOrder);
        },
        async cancelOrder(id, options) {
          const data = await call<{ cancelOrder: Order }>(
            `mutation($id: ID!, $version: Int, $token: String) {
              cancelOrder(id: $id, expectedVersion: $version, lockToken: $token) { ${ORDER} }
            }`,
            { id, version: options?.expectedVersion, token: options?.lockToken },
          );
          return toOrder(data.cancelOrder);
        },
        async lockOrder(id, ttlSeconds) {
          const data = await call<{ lockOrder: { token: string; expiresAt: string } }>(
            `mutation($id: ID!, $ttl: Int) { lockOrder(id: $id, ttlSeconds: $ttl) { token expiresAt } }`,
            { id, ttl: ttlSeconds },
          );
          return data.lockOrder;
        },
        async unlockOrder(id, token) {
          await call(
            `mutation($id: ID!, $token: String!) { unlockOrder(id: $id, lockToken: $token) }`,
            {
              id,
              token,
            },
          );
        },
        async createPayment(input, options) {
          const data = await call<{ createPayment: { payment: Payment; replayed: boolean } }>(
            `mutation($input: CreatePaymentInput!, $key: String) {
              createPayment(input: $input, idempotencyKey: $key) { payment { ${PAYMENT} } replayed }
            }`,
            {
              input: { orderId: input.orderId, paymentMethod: toEnum(input.paymentMethod) },
              key: options?.idempotencyKey,
            },
          );
          const { payment, replayed } = data.createPayment;
          return { payment: toPayment(payment), replayed };
        },
        async getPayment(id) {
          const data = await call<{ payment: Payment }>(
            `query($id: ID!) { payment(id: $id) { ${PAYMENT} } }`,
            { id },
          );
          return toPayment(data.payment);
        },
        async refundPayment(id, options) {
          const data = await call<{ refundPayment: { payment: Payment; replayed: boolean } }>(
            `mutation($id: ID!, $key: String) {
              refundPayment(id: $id, idempotencyKey: $key) { payment { ${PAYMENT} } replayed }
            }`,
            { id, key: options?.idempotencyKey },
          );
          const { payment, replayed } = data.refundPayment;
          return { payment: toPayment(payment), replayed };
        },
        watchEvents: (query, until, timeoutMs = 10_000) =>
          watchOverWs(wsUrl, apiKey, query, until, timeoutMs),
        close: async () => {},
      };
      return client;
    },
  };
}

/** Subscribes over graphql-ws until `until` holds; a rejected connection is `unauthenticated`. */
export function watchOverWs(
  wsUrl: string,
  apiKey: string,
  query: { afterSequence?: number; orderId?: string; types?: EventType[] },
  until: (received: EventView[]) => boolean,
  timeoutMs: number,
): Promise<EventView[]> {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: 0,
  });
  const received: EventView[] = [];
  return new Promise<EventView[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(new ApiError('deadline_exceeded', 'watch ended before the condition held', null));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      void client.dispose();
    };
    const unsubscribe = client.subscribe<{ events: EventView }>(
      {
        query: `subscription($after: Int, $orderId: ID, $types: [EventType!]) {
          events(afterSequence: $after, orderId: $orderId, types: $types) { ${EVENT} }
        }`,
        variables: {
          after: query.afterSequence,
          orderId: query.orderId,
          types: query.types?.map(toEnum),
        },
      },
      {
        next(result) {
          const [first] = (result.errors ?? []) as WireError[];
          if (first) {
            finish();
            reject(toApiError(first));
            return;
          }
          if (result.data) received.push(toEventView(result.data.events));
          if (until(received)) {
            finish();
            resolve(received);
          }
        },
        error(error) {
          finish();
          if (Array.isArray(error)) reject(toApiError(error[0] as WireError));
          else {
            const code = (error as { code?: number }).code;
            reject(
              code === 4403 || code === 4401
                ? new ApiError('unauthenticated', `connection rejected (${code})`, null)
                : new ApiError('internal', `socket error ${String(code)}`, null),
            );
          }
        },
        complete() {
          finish();
          reject(new ApiError('internal', 'stream completed before the condition held', null));
        },
      },
    );
  });
}
