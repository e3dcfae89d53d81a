import type { DomainEvent } from '../domain/event.js';

/** One signed HTTP POST of an event to an endpoint. */
export interface WebhookRequest {
  url: string;
  /** The `webhook-id`: the same on every attempt of a delivery. */
  messageId: string;
  /** The `webhook-timestamp` of this attempt, in epoch seconds. */
  timestamp: number;
  event: DomainEvent;
  /** Live secrets, newest first: each signs the message (several during a rotation overlap). */
  secrets: readonly string[];
  /** The `traceparent` of the request that caused the event, sent along. */
  traceparent: string | null;
  timeoutMs: number;
  /** Aborts the attempt (worker shutdown, job cancelled). */
  signal: AbortSignal;
}

/** What came of an attempt: a response status, or an error (refused target, timeout, network). */
export interface WebhookResponse {
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** The driven port that sends webhooks; it never throws for a failed attempt. */
export interface WebhookTransport {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

/**
 * Decides whether a URL may receive webhooks (e.g. refuses private addresses). Throws
 * `invalid_argument` on the field `url` for a refused target.
 */
export interface WebhookTargetPolicy {
  check(url: string): Promise<void>;
}
