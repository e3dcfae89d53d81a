import type { EventType } from './event.js';

/** A signing secret of an endpoint; a rotated-out secret keeps signing until `expiresAt`. */
export interface WebhookSecret {
  /** `whsec_` + base64 of the key bytes (the Standard Webhooks format). */
  secret: string;
  /** Epoch ms after which the secret no longer signs; null while it is the current one. */
  expiresAt: number | null;
}

/**
 * A subscriber URL that receives the events it asked for. A customer's endpoint receives only
 * that customer's events; an endpoint without owner (made by an admin) receives everyone's.
 */
export interface WebhookEndpoint {
  id: string;
  ownerCustomerId: string | null;
  url: string;
  eventTypes: EventType[];
  enabled: boolean;
  /** Why the endpoint was disabled (by its owner, or after too many failed attempts). */
  disabledReason: string | null;
  /** Newest first. */
  secrets: WebhookSecret[];
  /** Failed attempts since the last successful one, over all deliveries. */
  consecutiveFailures: number;
  /** The log head when the endpoint was created: it receives only events after it. */
  createdAfterSequence: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event on its way to one endpoint. `id` (`msg_…`) is the `webhook-id` of every attempt. */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventSequence: number;
  eventId: string;
  eventType: EventType;
  status: WebhookDeliveryStatus;
  /** HTTP attempts made so far (redeliveries continue the count). */
  attempts: number;
  lastStatusCode: number | null;
  /** The job that sends it (a redelivery enqueues a new one). */
  jobId: string;
  createdAt: string;
  updatedAt: string;
}

/** One HTTP attempt of a delivery: the response status, or the error when there was none. */
export interface WebhookAttempt {
  deliveryId: string;
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** The live secrets of `endpoint` at `now`, newest first: the ones a delivery is signed with. */
export const liveSecrets = (endpoint: WebhookEndpoint, now: number): string[] =>
  endpoint.secrets.filter((s) => s.expiresAt === null || s.expiresAt > now).map((s) => s.secret);

/** Whether `endpoint` wants an event of `type` for `customerId` at `sequence`. */
export function endpointWants(
  endpoint: WebhookEndpoint,
  event: { sequence: number; type: EventType; customerId: string },
): boolean {
  return (
    endpoint.enabled &&
    event.sequence > endpoint.createdAfterSequence &&
    endpoint.eventTypes.includes(event.type) &&
    (endpoint.ownerCustomerId === null || endpoint.ownerCustomerId === event.customerId)
  );
}
