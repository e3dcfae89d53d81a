import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from '@commerce/core';

/** The JSON wire shapes of webhook endpoints and deliveries (snake_case). */

export const wireWebhookEndpoint = (endpoint: WebhookEndpointView) => ({
  id: endpoint.id,
  customer_id: endpoint.ownerCustomerId,
  url: endpoint.url,
  event_types: endpoint.eventTypes,
  enabled: endpoint.enabled,
  disabled_reason: endpoint.disabledReason,
  consecutive_failures: endpoint.consecutiveFailures,
  created_after_sequence: endpoint.createdAfterSequence,
  version: endpoint.version,
  created_at: endpoint.createdAt,
  updated_at: endpoint.updatedAt,
});

export const wireEndpointWithSecret = ({ endpoint, secret }: WebhookEndpointWithSecret) => ({
  ...wireWebhookEndpoint(endpoint),
  secret,
});

const wireAttempt = (attempt: WebhookAttempt) => ({
  attempt: attempt.attempt,
  at: attempt.at,
  status_code: attempt.statusCode,
  error: attempt.error,
  latency_ms: attempt.latencyMs,
});

export const wireWebhookDelivery = (delivery: WebhookDelivery | WebhookDeliveryView) => ({
  id: delivery.id,
  endpoint_id: delivery.endpointId,
  event_id: delivery.eventId,
  event_sequence: delivery.eventSequence,
  event_type: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  last_status_code: delivery.lastStatusCode,
  ...('attemptLog' in delivery ? { attempt_log: delivery.attemptLog.map(wireAttempt) } : {}),
  created_at: delivery.createdAt,
  updated_at: delivery.updatedAt,
});
