import { formatTraceparent, identifyRequest } from '@commerce/core';
import type { MiddlewareHandler } from 'hono';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/** Structured JSON logs on stdout (or `destination`), one object per line, ISO timestamps. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'commerce-server' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Which request and which trace an HTTP request belongs to. */
export interface RequestIdentity {
  /** The caller's `X-Request-Id` when well formed, else a generated `req_…`. */
  requestId: string;
  traceId: string;
  /** This request's span as a W3C `traceparent`, continuing the caller's trace if it sent one. */
  traceparent: string;
}

/** Resolves the request id and trace from headers with the core's rules (`identifyRequest`). */
export function requestIdentity(headers: {
  requestId?: string | null;
  traceparent?: string | null;
}): RequestIdentity {
  const { requestId, trace } = identifyRequest(headers);
  return { requestId, traceId: trace.traceId, traceparent: formatTraceparent(trace) };
}

/**
 * Hono context variables every request carries. Adapters mounted on the server should take the
 * request id and trace from here (`c.get('requestId')`, `c.get('traceparent')`) so that their
 * responses and the server's log line agree.
 */
export interface RequestVariables {
  requestId: string;
  traceId: string;
  traceparent: string;
  /** A child logger bound to `request_id` and `trace_id`. */
  log: Logger;
}

export type ServerEnv = { Variables: RequestVariables };

/**
 * Resolves the request identity, echoes `X-Request-Id`, and writes one log line per request
 * with `request_id`, `trace_id`, method, path, status and `duration_ms`. Requests to `quietPaths`
 * (probes, scrapes) are logged at debug level.
 */
export function requestLogging(
  logger: Logger,
  quietPaths: ReadonlySet<string>,
): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const started = performance.now();
    const identity = requestIdentity({
      requestId: c.req.header('x-request-id'),
      traceparent: c.req.header('traceparent'),
    });
    const log = logger.child({ request_id: identity.requestId, trace_id: identity.traceId });
    c.set('requestId', identity.requestId);
    c.set('traceId', identity.traceId);
    c.set('traceparent', identity.traceparent);
    c.set('log', log);
    // Set before the handler runs: `c.header` afterwards makes hono rebuild the Response.
    c.header('X-Request-Id', identity.requestId);
    await next();
    // A handler that returned its own Response (yoga) did not get the prepared header.
    if (!c.res.headers.has('X-Request-Id')) c.res.headers.set('X-Request-Id', identity.requestId);
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
    if (status >= 500) log.error(line, 'request failed');
    else if (quietPaths.has(c.req.path)) log.debug(line, 'request');
    else log.info(line, 'request');
  };
}
