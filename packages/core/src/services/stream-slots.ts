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

/**
 * Caps long-lived streams (SSE, WebSocket, subscriptions, watch streams) per API key and in
 * total on this instance, so one client cannot hold every connection the process can afford.
 * Counted in process: each instance enforces its own caps.
 */
export function createStreamSlots(settings: CommerceSettings['streams']) {
  const byPrincipal = new Map<string, number>();
  let total = 0;

  return {
    /** Takes a slot for the caller, or throws `rate_limited` when a cap is reached. */
    open(ctx: OperationContext): StreamSlot {
      const principalId = ctx.principal.id;
      const held = byPrincipal.get(principalId) ?? 0;
      if (held >= settings.maxPerKey) {
        throw new CommerceError(
          'rate_limited',
          `this API key already holds ${held} open streams (the limit is ${settings.maxPerKey}); close one first`,
          { retryAfterMs: settings.retryAfterMs },
        );
      }
      if (total >= settings.maxTotal) {
        throw new CommerceError(
          'rate_limited',
          `the server holds its maximum of ${settings.maxTotal} open streams; retry later`,
          { retryAfterMs: settings.retryAfterMs },
        );
      }
      byPrincipal.set(principalId, held + 1);
      total += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          total -= 1;
          const remaining = (byPrincipal.get(principalId) ?? 1) - 1;
          if (remaining === 0) byPrincipal.delete(principalId);
          else byPrincipal.set(principalId, remaining);
        },
      };
    },

    counts(): StreamCounts {
      return { total, byPrincipal };
    },
  };
}

export type StreamSlots = ReturnType<typeof createStreamSlots>;
