import { endpointWants } from '../domain/webhook.js';
import { newId } from '../ids.js';
import { type CoreDeps, commit, isoAt } from './deps.js';
import { enqueueDelivery } from './webhook-job.js';

/** The name of the dispatcher's cursor in the event log. */
export const WEBHOOK_CURSOR = 'webhooks';

export interface WebhookDispatcherOptions {
  /** Receives errors the dispatcher survives (store hiccups), for logging. */
  onError?: (error: unknown) => void;
}

export interface WebhookDispatcher {
  /** Follows the log: on every bus notification and every `events.pollMs`. */
  start(): void;
  stop(): Promise<void>;
  /** Turns every event not yet dispatched into deliveries; returns how many it enqueued. */
  dispatch(): Promise<number>;
}

class CursorMoved extends Error {}

/**
 * Follows the event log like any subscriber and, per event, enqueues one delivery (and its job)
 * for each enabled endpoint that wants it. Reading the batch, enqueueing and advancing the cursor
 * (compare-and-set) commit together, so each event is dispatched exactly once even with several
 * instances, and nothing is added to the write path of orders and payments.
 */
export function createWebhookDispatcher(
  deps: CoreDeps,
  options: WebhookDispatcherOptions = {},
): WebhookDispatcher {
  const { clock, settings } = deps;
  const report = options.onError ?? (() => {});
  let stopped = true;
  let wake: (() => void) | null = null;
  // A notification that arrives while a pass runs must not wait for the next poll.
  let notified = false;
  let loop: Promise<void> | null = null;
  let unsubscribe: (() => void) | null = null;

  /** One batch: how many deliveries it enqueued, and whether more events may be waiting. */
  const batch = async () => {
    // Most deployments have no endpoints: then a wake costs one read, not a write transaction.
    if ((await deps.store.webhookEndpoints.listEnabled()).length === 0) {
      return { count: 0, more: false };
    }
    return commit(deps, async (tx) => {
      const cursor = await tx.logCursors.get(WEBHOOK_CURSOR);
      const endpoints = await tx.webhookEndpoints.listEnabled();
      if (endpoints.length === 0) return { count: 0, more: false };
      // No endpoint wants events from before it existed: skip straight past those.
      const oldestWanted = Math.min(...endpoints.map((e) => e.createdAfterSequence));
      const from = Math.max(cursor, oldestWanted);
      const events = await tx.events.readAfter(from, {}, settings.events.batchSize);
      const to = events.at(-1)?.sequence ?? from;
      if (to === cursor) return { count: 0, more: false };
      const now = clock.now();
      let count = 0;
      for (const event of events) {
        for (const endpoint of endpoints.filter((e) => endpointWants(e, event))) {
          const delivery = await enqueueDelivery(
            deps,
            tx,
            {
              id: newId('msg', now),
              endpointId: endpoint.id,
              eventSequence: event.sequence,
              eventId: event.id,
              eventType: event.type,
              status: 'pending',
              attempts: 0,
              lastStatusCode: null,
              jobId: '',
              createdAt: isoAt(now),
              updatedAt: isoAt(now),
            },
            now,
          );
          await tx.webhookDeliveries.insert(delivery);
          count++;
        }
      }
      if (!(await tx.logCursors.advance(WEBHOOK_CURSOR, cursor, to))) throw new CursorMoved();
      return { count, more: events.length === settings.events.batchSize };
    });
  };

  async function dispatch(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await batch().catch((error: unknown) => {
        // Another instance dispatched the same batch first: carry on from where it got.
        if (error instanceof CursorMoved) return { count: 0, more: true };
        throw error;
      });
      total += result.count;
      if (!result.more) return total;
    }
  }

  async function follow(): Promise<void> {
    while (!stopped) {
      notified = false;
      await dispatch().catch(report);
      if (notified) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, settings.events.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    dispatch,
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = deps.bus.subscribe(() => {
        notified = true;
        wake?.();
      });
      loop = follow();
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      wake?.();
      await loop;
    },
  };
}
