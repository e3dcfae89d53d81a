import type {
  EventType,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookSecret,
} from '@commerce/core';

// Webhook rows as node-postgres returns them (json already parsed, bigint as number), and their
// domain objects.

export interface WebhookEndpointRow {
  id: string;
  owner_customer_id: string | null;
  url: string;
  event_types: EventType[];
  enabled: boolean;
  disabled_reason: string | null;
  secrets: WebhookSecret[];
  consecutive_failures: number;
  created_after_sequence: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export const toWebhookEndpoint = (row: WebhookEndpointRow): WebhookEndpoint => ({
  id: row.id,
  ownerCustomerId: row.owner_customer_id,
  url: row.url,
  eventTypes: row.event_types,
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  secrets: row.secrets,
  consecutiveFailures: row.consecutive_failures,
  createdAfterSequence: row.created_after_sequence,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface WebhookDeliveryRow {
  id: string;
  endpoint_id: string;
  event_sequence: number;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  job_id: string;
  created_at: string;
  updated_at: string;
}

export const toWebhookDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventSequence: row.event_sequence,
  eventId: row.event_id,
  eventType: row.event_type as EventType,
  status: row.status as WebhookDeliveryStatus,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  jobId: row.job_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface WebhookAttemptRow {
  delivery_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  latency_ms: number;
}

export const toWebhookAttempt = (row: WebhookAttemptRow): WebhookAttempt => ({
  deliveryId: row.delivery_id,
  attempt: row.attempt,
  at: row.at,
  statusCode: row.status_code,
  error: row.error,
  latencyMs: row.latency_ms,
});
