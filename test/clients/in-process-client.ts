import {
  type Commerce,
  createContext,
  type DomainEvent,
  type OperationContext,
  toCommerceError,
} from '@commerce/core';
import { type ApiClient, ApiError, type ClientFactory, type EventView } from './api-client.js';

export const toEventView = (e: DomainEvent): EventView => ({
  sequence: e.sequence,
  type: e.type,
  orderId: e.orderId,
  paymentId: e.paymentId,
  customerId: e.customerId,
});

/** Calls the core directly: the reference client the protocol clients are compared with. */
export function inProcessClients(commerce: Commerce): ClientFactory {
  return {
    protocol: 'in-process',
    async connect(apiKey) {
      async function call<T>(
        work: (ctx: OperationContext) => Promise<T>,
        signal?: AbortSignal,
      ): Promise<T> {
        const ctx = createContext({
          principal: { id: 'anonymous', role: 'admin', customerId: null },
          ...(signal ? { signal } : {}),
        });
        try {
          const principal = await commerce.auth.authenticate(apiKey);
          return await work({ ...ctx, principal });
        } catch (error) {
          const e = toCommerceError(error);
          throw new ApiError(e.code, e.message, ctx.requestId);
        }
      }
      const client: ApiClient = {
        createOrder: (input, options) =>
          call(async (ctx) => {
            const r = await commerce.orders.create(ctx, input, options?.idempotencyKey);
            return { order: r.value, replayed: r.replayed };
          }),
        getOrder: (id) => call((ctx) => commerce.orders.get(ctx, id)),
        listOrders: (query) =>
          call(async (ctx) => {
            const page = await commerce.orders.list(ctx, query);
            return { orders: page.items, nextCursor: page.nextCursor };
          }),
        replaceOrder: (id, input) => call((ctx) => commerce.orders.replace(ctx, id, input)),
        cancelOrder: (id, options) => call((ctx) => commerce.orders.cancel(ctx, id, options)),
        lockOrder: (id, ttlSeconds) =>
          call((ctx) =>
            commerce.orders.lock(ctx, id, ttlSeconds === undefined ? {} : { ttlSeconds }),
          ),
        unlockOrder: (id, token) => call((ctx) => commerce.orders.unlock(ctx, id, token)),
        createPayment: (input, options) =>
          call(async (ctx) => {
            const r = await commerce.payments.create(ctx, input, options?.idempotencyKey);
            return { payment: r.value, replayed: r.replayed };
          }),
        getPayment: (id) => call((ctx) => commerce.payments.get(ctx, id)),
        refundPayment: (id, options) =>
          call(async (ctx) => {
            const r = await commerce.payments.refund(ctx, id, options?.idempotencyKey);
            return { payment: r.value, replayed: r.replayed };
          }),
        watchEvents: (query, until, timeoutMs = 10_000) => {
          const signal = AbortSignal.timeout(timeoutMs);
          return call(async (ctx) => {
            const received: EventView[] = [];
            for await (const event of commerce.events.subscribe(ctx, query)) {
              received.push(toEventView(event));
              if (until(received)) return received;
            }
            throw new ApiError(
              'deadline_exceeded',
              'watch ended before the condition held',
              ctx.requestId,
            );
          }, signal);
        },
        close: async () => {},
      };
      return client;
    },
  };
}
