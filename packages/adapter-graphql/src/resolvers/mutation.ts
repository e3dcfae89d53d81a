import type { Commerce, OrderItem, PaymentMethod } from '@commerce/core';
import type { GraphqlContext } from '../request-context.js';
import { defined } from './connection.js';
import { guard } from './guard.js';

interface ChangeArgs {
  id: string;
  expectedVersion?: number | null;
  lockToken?: string | null;
}

interface OrderInput {
  customerId?: string | null;
  items: OrderItem[];
  currency: string;
}

const key = (idempotencyKey: string | null | undefined) => idempotencyKey ?? undefined;

/** Every core write, one core call each; writes that create report whether they were replayed. */
export function mutationResolvers(commerce: Commerce) {
  return guard({
    createOrder: async (
      _: unknown,
      args: { input: OrderInput; idempotencyKey?: string | null },
      ctx: GraphqlContext,
    ) => {
      const result = await commerce.orders.create(
        await ctx.operation(),
        defined({ ...args.input }),
        key(args.idempotencyKey),
      );
      return { order: result.value, replayed: result.replayed };
    },

    replaceOrder: async (
      _: unknown,
      args: ChangeArgs & { input: OrderInput; expectedVersion: number },
      ctx: GraphqlContext,
    ) =>
      commerce.orders.replace(await ctx.operation(), args.id, {
        items: args.input.items,
        currency: args.input.currency,
        expectedVersion: args.expectedVersion,
        lockToken: args.lockToken ?? undefined,
      }),

    cancelOrder: async (_: unknown, { id, ...change }: ChangeArgs, ctx: GraphqlContext) =>
      commerce.orders.cancel(await ctx.operation(), id, defined(change)),

    fulfillOrder: async (_: unknown, { id, ...change }: ChangeArgs, ctx: GraphqlContext) =>
      commerce.orders.fulfil(await ctx.operation(), id, defined(change)),

    lockOrder: async (
      _: unknown,
      args: { id: string; ttlSeconds?: number | null },
      ctx: GraphqlContext,
    ) =>
      commerce.orders.lock(
        await ctx.operation(),
        args.id,
        defined({ ttlSeconds: args.ttlSeconds }),
      ),

    unlockOrder: async (
      _: unknown,
      args: { id: string; lockToken: string },
      ctx: GraphqlContext,
    ) => {
      await commerce.orders.unlock(await ctx.operation(), args.id, args.lockToken);
      return true;
    },

    createPayment: async (
      _: unknown,
      args: {
        input: { orderId: string; paymentMethod: PaymentMethod };
        idempotencyKey?: string | null;
      },
      ctx: GraphqlContext,
    ) => {
      const result = await commerce.payments.create(
        await ctx.operation(),
        args.input,
        key(args.idempotencyKey),
      );
      return { payment: result.value, replayed: result.replayed };
    },

    refundPayment: async (
      _: unknown,
      args: { id: string; idempotencyKey?: string | null },
      ctx: GraphqlContext,
    ) => {
      const result = await commerce.payments.refund(
        await ctx.operation(),
        args.id,
        key(args.idempotencyKey),
      );
      return { payment: result.value, replayed: result.replayed };
    },

    cancelPayment: async (_: unknown, args: { id: string }, ctx: GraphqlContext) =>
      commerce.payments.cancel(await ctx.operation(), args.id),
  });
}
