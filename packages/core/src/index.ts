export * from './commerce.js';
export * from './context.js';
export * from './domain/api-key.js';
export * from './domain/event.js';
export * from './domain/job.js';
export * from './domain/order.js';
export * from './domain/payment.js';
export * from './domain/webhook.js';
export * from './errors.js';
export { newId } from './ids.js';
export { createInProcessEventBus } from './in-memory/in-process-event-bus.js';
export { createInMemoryRateLimiter } from './in-memory/token-bucket-rate-limiter.js';
export { retryDelayMs } from './jobs/backoff.js';
export { LeaseLostError, PermanentJobError, TransientJobError } from './jobs/job-errors.js';
export type { JobHandler, JobRun } from './jobs/job-handler.js';
export type { JobWorker, JobWorkerOptions } from './jobs/job-worker.js';
export { isCurrencyCode, MAX_AMOUNT } from './money.js';
export * from './ports/clock.js';
export * from './ports/event-bus.js';
export * from './ports/observer.js';
export * from './ports/rate-limiter.js';
export * from './ports/store.js';
export * from './ports/webhooks.js';
export * from './resource-json.js';
export {
  type ApiKeySeed,
  apiKeyFingerprint,
  assertWithinRateLimit,
  hashApiKey,
} from './services/auth.js';
export type { EventBatch, EventQuery } from './services/events.js';
export type { WriteResult } from './services/idempotency.js';
export type { EventFeed, EventSink } from './services/log-follower.js';
export type {
  ChangeOrderInput,
  CreateOrderInput,
  ListOrdersInput,
  OrderLock,
  ReplaceOrderInput,
} from './services/orders.js';
export { decodeCursor, encodeCursor, type Page, type PageInput } from './services/pagination.js';
export type {
  CreatePaymentInput,
  ListPaymentsInput,
  PaymentProgress,
} from './services/payments.js';
export type { StreamCounts, StreamSlot, StreamSlots } from './services/stream-slots.js';
export type { WebhookDispatcher, WebhookDispatcherOptions } from './services/webhook-dispatcher.js';
export { WEBHOOK_JOB } from './services/webhook-job.js';
export type {
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from './services/webhook-support.js';
export type {
  CreateWebhookEndpointInput,
  ListWebhookEndpointsInput,
  UpdateWebhookEndpointInput,
} from './services/webhooks.js';
export * from './settings.js';
