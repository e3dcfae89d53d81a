import { z } from 'zod';
import { type OperationContext, throwIfAborted } from '../context.js';
import type { DomainEvent } from '../domain/event.js';
import type { EventFilter } from '../ports/store.js';
import { parseInput, schemas } from '../validation.js';
import { scopeCustomer } from './access.js';
import type { CoreDeps } from './deps.js';
import { waitForLogGrowth } from './log-growth.js';

const querySchema = z.object({
  afterSequence: schemas.sequence.optional(),
  orderId: schemas.orderId.optional(),
  types: z.array(schemas.eventType).max(16).optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
});

export type EventQuery = z.input<typeof querySchema>;

export interface EventBatch {
  events: DomainEvent[];
  /** Pass back as `afterSequence` to continue exactly where this batch ended. */
  nextSequence: number;
}

export function createEventService(deps: CoreDeps) {
  const { store, settings } = deps;
  const waitForGrowth = (after: number, waitMs: number, signal: AbortSignal) =>
    waitForLogGrowth(deps, after, waitMs, signal);

  function prepare(ctx: OperationContext, input: EventQuery) {
    const query = parseInput(querySchema, input);
    const filter: EventFilter = {
      customerId: scopeCustomer(ctx, undefined),
      orderId: query.orderId,
      types: query.types,
    };
    return {
      filter,
      after: query.afterSequence ?? 0,
      limit: query.limit ?? settings.events.batchSize,
    };
  }

  return {
    /** One page of the log after a sequence, for polling clients. */
    async list(ctx: OperationContext, input: EventQuery = {}): Promise<EventBatch> {
      const { filter, after, limit } = prepare(ctx, input);
      throwIfAborted(ctx.signal);
      const events = await store.events.readAfter(after, filter, limit);
      return { events, nextSequence: events.at(-1)?.sequence ?? after };
    },

    /**
     * Long polling: returns as soon as at least one matching event exists after the sequence,
     * or an empty batch once `waitMs` has passed.
     */
    async poll(ctx: OperationContext, input: EventQuery & { waitMs: number }): Promise<EventBatch> {
      const { filter, after, limit } = prepare(ctx, input);
      const deadline = Date.now() + input.waitMs;
      for (;;) {
        throwIfAborted(ctx.signal);
        const head = await store.events.head();
        const events = await store.events.readAfter(after, filter, limit);
        const remaining = deadline - Date.now();
        if (events.length > 0 || remaining <= 0)
          return { events, nextSequence: events.at(-1)?.sequence ?? after };
        await waitForGrowth(head, remaining, ctx.signal);
      }
    },

    /**
     * Replays the log after `afterSequence`, then follows it live, until the caller's signal
     * aborts. Pull-based: events are read from the log in batches only as fast as the consumer
     * takes them, so a slow consumer costs one batch of memory, never an unbounded buffer.
     */
    async *subscribe(ctx: OperationContext, input: EventQuery = {}): AsyncGenerator<DomainEvent> {
      const { filter, after, limit } = prepare(ctx, input);
      let cursor = after;
      while (!ctx.signal.aborted) {
        const head = await store.events.head();
        const events = await store.events.readAfter(cursor, filter, limit);
        for (const event of events) {
          if (ctx.signal.aborted) return;
          cursor = event.sequence;
          yield event;
        }
        if (events.length < limit) {
          // Everything up to `head` has been seen (filtered events included): wait for growth.
          cursor = Math.max(cursor, head);
          await waitForGrowth(head, Number.POSITIVE_INFINITY, ctx.signal);
        }
      }
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
