import type { Commerce, DomainEvent, EventType, StreamSlot } from '@commerce/core';
import type { GraphQLError } from 'graphql';
import { toGraphqlError } from '../error-codes.js';
import type { GraphqlContext } from '../request-context.js';
import { defined } from './connection.js';
import { guard } from './guard.js';

/** The last item of a stream that failed: `resolve` turns it into the payload's error. */
class StreamFailure {
  constructor(readonly error: GraphQLError) {}
}

/**
 * The core's pull-based generator as a subscription source. `return()` aborts the core's signal
 * first, since the generator may be parked waiting for the log to grow. A failure (bad
 * arguments surface on the first read) ends the stream with one payload carrying the coded
 * error, instead of a protocol-level crash without a code. The stream's slot is given back
 * however it ends.
 */
function asSource(
  source: AsyncGenerator<DomainEvent>,
  stop: AbortController,
  slot: StreamSlot,
  ctx: GraphqlContext,
): AsyncIterableIterator<DomainEvent | StreamFailure> {
  let failed = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (failed) return { done: true, value: undefined };
      try {
        const result = await source.next();
        if (result.done) slot.release();
        return result;
      } catch (error) {
        failed = true;
        stop.abort();
        slot.release();
        return { done: false, value: new StreamFailure(toGraphqlError(error, ctx.sink)) };
      }
    },
    async return() {
      stop.abort();
      slot.release();
      await source.return(undefined);
      return { done: true, value: undefined };
    },
  };
}

/** The event log, replayed from a sequence and then followed live. */
export function subscriptionResolvers(commerce: Commerce) {
  return guard({
    events: {
      subscribe: async (
        _: unknown,
        args: {
          afterSequence?: number | null;
          orderId?: string | null;
          types?: EventType[] | null;
        },
        ctx: GraphqlContext,
      ) => {
        const operation = await ctx.operation();
        const slot = commerce.streams.open(operation);
        const stop = new AbortController();
        const signal = AbortSignal.any([operation.signal, stop.signal]);
        const source = commerce.events.subscribe({ ...operation, signal }, defined(args));
        return asSource(source, stop, slot, ctx);
      },
      resolve: (item: DomainEvent | StreamFailure) => {
        if (item instanceof StreamFailure) throw item.error;
        return item;
      },
    },
  });
}
