import type { Commerce, EventType, OrderStatus, PaymentStatus } from '@commerce/core';
import type { GraphqlContext } from '../request-context.js';
import { defined, toConnection } from './connection.js';
import { guard } from './guard.js';

type Nullable<T> = { [K in keyof T]?: T[K] | null };

interface PageArgs {
  first: number;
  after: string;
}

/** Reads, each one core call; lists are primed into the loaders their relations use. */
export function queryResolvers(commerce: Commerce) {
  return guard({
    order: async (_: unknown, args: { id: string }, ctx: GraphqlContext) =>
      commerce.orders.get(await ctx.operation(), args.id),

    orders: async (
      _: unknown,
      args: Nullable<PageArgs & { status: OrderStatus; customerId: string }>,
      ctx: GraphqlContext,
    ) => {
      const { first, after, ...filter } = defined(args);
      const page = await commerce.orders.list(await ctx.operation(), {
        ...filter,
        limit: first,
        cursor: after,
      });
      for (const order of page.items) ctx.loaders.orderById.prime(order.id, order);
      return toConnection(page);
    },

    payment: async (_: unknown, args: { id: string }, ctx: GraphqlContext) =>
      commerce.payments.get(await ctx.operation(), args.id),

    payments: async (
      _: unknown,
      args: Nullable<PageArgs & { orderId: string; status: PaymentStatus; customerId: string }>,
      ctx: GraphqlContext,
    ) => {
      const { first, after, ...filter } = defined(args);
      const page = await commerce.payments.list(await ctx.operation(), {
        ...filter,
        limit: first,
        cursor: after,
      });
      for (const payment of page.items) ctx.loaders.paymentById.prime(payment.id, payment);
      return toConnection(page);
    },

    events: async (
      _: unknown,
      args: Nullable<{ afterSequence: number; orderId: string; types: EventType[]; first: number }>,
      ctx: GraphqlContext,
    ) => {
      const { first, ...query } = defined(args);
      return commerce.events.list(await ctx.operation(), { ...query, limit: first });
    },

    paymentProgress: async (_: unknown, args: { paymentId: string }, ctx: GraphqlContext) =>
      commerce.payments.progress(await ctx.operation(), args.paymentId),
  });
}
