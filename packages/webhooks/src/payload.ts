import { type DomainEvent, eventJson } from '@commerce/core';

/**
 * The body of a delivery, in the Standard Webhooks payload shape: `type`, `timestamp` (when the
 * event happened) and `data` (the event exactly as the REST API, SSE and the WebSocket API show
 * it). Deterministic, so every attempt of a delivery sends the same bytes.
 */
export const webhookBody = (event: DomainEvent): string =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: eventJson(event) });
