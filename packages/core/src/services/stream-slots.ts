import type { OperationContext } from '../context.js';
import { CommerceError } from '../errors.js';
import type { CommerceSettings } from '../settings.js';

/** A held place among the open streams; release it exactly once when the stream ends. */
export interface StreamSlot {
  release(): void;
}

/** How many streams are open on this instance, in total and for the busiest key. */
export interface StreamCounts {
  total: number;
  byPrincipal: ReadonlyMap<string, number>;
}

/** The open streams of one instance, counted. */
class OpenStreams {
  readonly byPrincipal = new Map<string, number>();
  total = 0;

  add(principalId: string): void {
    this.byPrincipal.set(principalId, (this.byPrincipal.get(principalId) ?? 0) + 1);
    this.total += 1;
  }

  remove(principalId: string): void {
    this.total -= 1;
    const remaining = (this.byPrincipal.get(principalId) ?? 1) - 1;
    if (remaining === 0) this.byPrincipal.delete(principalId);
    else this.byPrincipal.set(principalId, remaining);
  }
}

/** A slot as an object of its own, not a closure: every open stream holds one. */
class HeldSlot implements StreamSlot {
  private released = false;

  constructor(
    private readonly open: OpenStreams,
    private readonly principalId: string,
  ) {}

  release(): void {
    if (this.released) return;
    this.released = true;
    this.open.remove(this.principalId);
  }
}

/**
 * Caps long-lived streams (SSE, WebSocket, subscriptions, watch streams) per API key and in
 * total on this instance, so one client cannot hold every connection the process can afford.
 * Counted in process: each instance enforces its own caps.
 */
export function createStreamSlots(settings: CommerceSettings['streams']) {
  const open = new OpenStreams();

  return {
    /** Takes a slot for the caller, or throws `rate_limited` when a cap is reached. */
    open(ctx: OperationContext): StreamSlot {
      const principalId = ctx.principal.id;
      const held = open.byPrincipal.get(principalId) ?? 0;
      if (held >= settings.maxPerKey) {
        throw new CommerceError(
          'rate_limited',
          `this API key already holds ${held} open streams (the limit is ${settings.maxPerKey}); close one first`,
          { retryAfterMs: settings.retryAfterMs },
        );
      }
      if (open.total >= settings.maxTotal) {
        throw new CommerceError(
          'rate_limited',
          `the server holds its maximum of ${settings.maxTotal} open streams; retry later`,
          { retryAfterMs: settings.retryAfterMs },
        );
      }
      open.add(principalId);
      return new HeldSlot(open, principalId);
    },

    counts(): StreamCounts {
      return { total: open.total, byPrincipal: open.byPrincipal };
    },
  };
}

export type StreamSlots = ReturnType<typeof createStreamSlots>;
