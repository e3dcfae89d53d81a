import type { ErrorCode, Principal } from '@commerce/core';

/**
 * Hono context variables the REST app reads and writes. `requestId`, `traceId` and `traceparent` are set by
 * the server's request-logging middleware when the app is mounted there (apps/server
 * RequestVariables); adapters cannot import apps/server, so they are declared here, optional,
 * and taken from the headers when absent (the app used on its own, e.g. in unit tests).
 */
export interface RestVariables {
  requestId?: string;
  traceId?: string;
  traceparent?: string;
  /** This request's ids, resolved once (see `requestIds`). */
  restIds?: { requestId: string; traceparent: string; traceId: string };
  principal?: Principal;
  /** Rate-limit headers of the latest decision, written on the response whatever it is. */
  rateLimitHeaders?: Record<string, string>;
  /** Request headers the response varies on, written as `Vary` by the REST pipeline. */
  vary?: string[];
  /**
   * Set by a handler that writes node's response head itself, later (the SSE stream): the
   * headers middleware add after it go here instead of onto node's response (see
   * `addResponseHeaders`). The server's request logging honours it too (apps/server declares it).
   */
  streamHead?: Record<string, string>;
  /** The CORS grant answered (it writes its own `Vary: Origin`). */
  corsGranted?: boolean;
  /** The route's OpenAPI operationId: the metrics label. */
  operation?: string;
  /** Set by the problem writer: the outcome reported to the observer. */
  outcome?: ErrorCode;
}

export type RestEnv = { Variables: RestVariables };
