import { CommerceError, type OperationContext } from '@commerce/core';

/** One subscription of a connection: its name and what to run once the client has its ack. */
export interface PendingSubscription {
  readonly name: string;
  /** Runs `work` with a context whose signal aborts on unsubscribe or close. */
  start(work: (ctx: OperationContext) => Promise<void>): void;
}

export interface SubscriptionsOptions {
  max: number;
  /** A subscription's work failed (not by being stopped): tell the client, which it ended. */
  onFailure(error: unknown, ctx: OperationContext, name: string): void;
  /** The number of subscriptions changed (the idle timer counts only connections without any). */
  onChange(): void;
}

/** The subscriptions (event streams, payment watches) of one connection, by name. */
export function createSubscriptions(options: SubscriptionsOptions) {
  const running = new Map<string, AbortController>();
  let counter = 0;
  let closed = false;

  return {
    get size(): number {
      return running.size;
    },

    /**
     * Reserves a name (`sub_1`, `sub_2`, …); throws `rate_limited` at the per-connection cap and
     * `invalid_state` once the connection has closed (a command may finish after the close).
     */
    open(ctx: OperationContext): PendingSubscription {
      if (closed) throw new CommerceError('invalid_state', 'the connection is closed');
      if (running.size >= options.max) {
        throw new CommerceError(
          'rate_limited',
          `this connection holds its maximum of ${options.max} subscriptions; unsubscribe first`,
        );
      }
      counter += 1;
      const name = `sub_${counter}`;
      const stop = new AbortController();
      running.set(name, stop);
      options.onChange();
      return {
        name,
        start(work) {
          const scoped: OperationContext = { ...ctx, signal: stop.signal };
          work(scoped)
            .catch((error: unknown) => {
              if (!stop.signal.aborted) options.onFailure(error, scoped, name);
            })
            .finally(() => {
              if (running.get(name) === stop) running.delete(name);
              options.onChange();
            });
        },
      };
    },

    /** Stops one subscription; false when there is none by that name. */
    close(name: string): boolean {
      const stop = running.get(name);
      if (!stop) return false;
      running.delete(name);
      stop.abort();
      options.onChange();
      return true;
    },

    /** Stops every subscription and refuses new ones. */
    closeAll(): void {
      closed = true;
      for (const stop of running.values()) stop.abort();
      running.clear();
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
