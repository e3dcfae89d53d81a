import { z } from 'zod';
import { type OperationContext, throwIfAborted } from '../context.js';
import type { DomainEvent } from '../domain/event.js';
import type { EventFilter } from '../ports/store.js';
import { parseInput, schemas } from '../validation.js';
import { scopeCustomer } from './access.js';
import type { CoreDeps } from './deps.js';
import { createLiveTail } from './live-tail.js';
import { type EventFeed, type EventSink, feedLog, followLog } from './log-follower.js';

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
  // One per core: every subscriber and long poll of this process shares its reads of the log.
  const tail = createLiveTail(deps);

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
     * or an empty batch once `waitMs` has passed. Waiting costs no store reads: the live tail
     * wakes it.
     */
    async poll(ctx: OperationContext, input: EventQuery & { waitMs: number }): Promise<EventBatch> {
      const { filter, after, limit } = prepare(ctx, input);
      throwIfAborted(ctx.signal);
      const follower = followLog(deps, tail, { filter, after, limit, signal: ctx.signal });
      try {
        const events = await follower.next(Date.now() + input.waitMs);
        throwIfAborted(ctx.signal);
        return { events, nextSequence: events.at(-1)?.sequence ?? after };
      } finally {
        follower.close();
      }
    },

    /**
     * Replays the log after `afterSequence`, then follows it live, until the caller's signal
     * aborts: every matching event exactly once, in sequence order. Replay reads the store in
     * batches only as fast as the consumer takes them; live events come from the shared tail
     * through a bounded queue. Either way one subscriber holds at most `limit + queueSize` events.
     */
    async *subscribe(ctx: OperationContext, input: EventQuery = {}): AsyncGenerator<DomainEvent> {
      const { filter, after, limit } = prepare(ctx, input);
      const follower = followLog(deps, tail, { filter, after, limit, signal: ctx.signal });
      try {
        while (!ctx.signal.aborted) {
          for (const event of await follower.next()) {
            if (ctx.signal.aborted) return;
            yield event;
          }
        }
      } finally {
        follower.close();
      }
    },

    /**
     * The push form of `subscribe` for stream writers (SSE): validates and scopes at once (so the
     * caller can refuse before it answers); delivers to `sink` once the feed is resumed, until
     * it is closed. A waiting feed holds no promise, timer or signal listener.
     */
    follow(ctx: OperationContext, input: EventQuery, sink: EventSink): EventFeed {
      const { filter, after, limit } = prepare(ctx, input);
      return feedLog(deps, tail, { filter, after, limit }, sink);
    },

    /** Readers attached to the live tail (tests, metrics). */
    liveReaders: (): number => tail.size(),
  };
}

export type EventService = ReturnType<typeof createEventService>;
