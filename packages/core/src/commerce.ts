import { createInProcessEventBus } from './in-memory/in-process-event-bus.js';
import { createInMemoryRateLimiter } from './in-memory/token-bucket-rate-limiter.js';
import { createJobSignal } from './jobs/job-signal.js';
import { createJobWorker, type JobWorker, type JobWorkerOptions } from './jobs/job-worker.js';
import { type Clock, systemClock } from './ports/clock.js';
import type { EventBus } from './ports/event-bus.js';
import type { RateLimiter } from './ports/rate-limiter.js';
import type { Store } from './ports/store.js';
import type { WebhookTargetPolicy, WebhookTransport } from './ports/webhooks.js';
import { createAuthService } from './services/auth.js';
import type { CoreDeps } from './services/deps.js';
import { createEventService } from './services/events.js';
import { createOrderService } from './services/orders.js';
import { createPaymentJobHandler, PAYMENT_JOB } from './services/payment-job.js';
import { createPaymentService } from './services/payments.js';
import { createStreamSlots } from './services/stream-slots.js';
import {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './services/webhook-dispatcher.js';
import { createWebhookJobHandler, WEBHOOK_JOB } from './services/webhook-job.js';
import { createWebhookService } from './services/webhooks.js';
import { resolveSettings, type SettingsOverrides } from './settings.js';

export interface CommerceOptions {
  store: Store;
  /** Defaults to in-process fan-out (the embedded mode). */
  bus?: EventBus;
  /** Defaults to an in-process token bucket (the embedded mode). */
  rateLimiter?: RateLimiter;
  clock?: Clock;
  settings?: SettingsOverrides;
  /**
   * Outbound webhooks: without a transport this instance's workers send none (deliveries wait
   * in the queue); without a policy any http(s) URL is accepted.
   */
  webhooks?: { transport?: WebhookTransport; targetPolicy?: WebhookTargetPolicy };
}

const acceptAnyTarget: WebhookTargetPolicy = { check: async () => {} };

/**
 * The application core: every use case, given its ports. Adapters call these and only
 * translate; all decisions (validation, authorization, state machines, idempotency) are here.
 *
 * @example
 * const commerce = createCommerce({ store: await openSqliteStore({ path: 'data/commerce.db' }) });
 * const ctx = createContext({ principal: await commerce.auth.authenticate(apiKey) });
 * const { value: order } = await commerce.orders.create(ctx, { items, currency: 'EUR' }, 'key-1');
 */
export function createCommerce(options: CommerceOptions) {
  const clock = options.clock ?? systemClock;
  const deps: CoreDeps = {
    store: options.store,
    bus: options.bus ?? createInProcessEventBus(),
    rateLimiter: options.rateLimiter ?? createInMemoryRateLimiter(clock),
    clock,
    settings: resolveSettings(options.settings),
    jobSignal: createJobSignal(),
  };
  const transport = options.webhooks?.transport;
  return {
    settings: deps.settings,
    store: deps.store,
    auth: createAuthService(deps),
    orders: createOrderService(deps),
    payments: createPaymentService(deps),
    events: createEventService(deps),
    /** Every long-lived stream holds a slot from here while open (caps per key and in total). */
    streams: createStreamSlots(deps.settings.streams),
    webhooks: createWebhookService(deps, options.webhooks?.targetPolicy ?? acceptAnyTarget),
    /** A worker for the core's durable jobs (payment processing). Call `start()` to run it. */
    createWorker(workerOptions: Omit<JobWorkerOptions, 'handlers'> = {}): JobWorker {
      return createJobWorker(deps, {
        ...workerOptions,
        handlers: {
          [PAYMENT_JOB]: createPaymentJobHandler(deps),
          ...(transport ? { [WEBHOOK_JOB]: createWebhookJobHandler(deps, transport) } : {}),
        },
      });
    },
    /** Turns logged events into webhook deliveries. Call `start()` to follow the log. */
    createWebhookDispatcher(dispatcherOptions: WebhookDispatcherOptions = {}): WebhookDispatcher {
      return createWebhookDispatcher(deps, dispatcherOptions);
    },
    async close(): Promise<void> {
      await deps.bus.close();
    },
  };
}

export type Commerce = ReturnType<typeof createCommerce>;
