import type { DomainEvent, Order, Payment } from '@commerce/core';
import type { GraphqlContext } from '../request-context.js';
import { guard } from './guard.js';

/** The relations between objects, each through the operation's DataLoaders. */
export const objectResolvers = {
  Order: guard({
    payments: (order: Order, _: unknown, ctx: GraphqlContext) =>
      ctx.loaders.paymentsByOrderId.load(order.id),
  }),
  Payment: guard({
    order: (payment: Payment, _: unknown, ctx: GraphqlContext) =>
      ctx.loaders.orderById.load(payment.orderId),
  }),
  Event: guard({
    order: (event: DomainEvent, _: unknown, ctx: GraphqlContext) =>
      ctx.loaders.orderById.load(event.orderId),
    payment: (event: DomainEvent, _: unknown, ctx: GraphqlContext) =>
      event.paymentId === null ? null : ctx.loaders.paymentById.load(event.paymentId),
    orderSnapshot: (event: DomainEvent) => event.data.order ?? null,
    paymentSnapshot: (event: DomainEvent) => event.data.payment ?? null,
  }),
};
