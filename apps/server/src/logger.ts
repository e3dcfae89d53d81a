import { CommerceError, formatTraceparent, identifyRequest } from '@commerce/core';
import type { Context, MiddlewareHandler } from 'hono';
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
  /**
   * Set by a handler that writes node's response head itself (the REST adapter's SSE stream):
   * the request id goes into it rather than onto node's response (see `requestLogging`).
   */
  streamHead?: Record<string, string>;
  /**
   * A child logger bound to `request_id` and `trace_id`, once `requestLog(c)` has made one:
   * building a pino child costs about a microsecond on every request, and most requests never
   * log anything but their access line (which is written without one).
   */
  log?: Logger;
}

export type ServerEnv = { Variables: RequestVariables };

/** What request logging needs of node's `ServerResponse`. */
interface NodeOutgoing {
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
}

/** Node's response not yet written, when served by @hono/node-server (`c.env.outgoing`). */
function nodeOutgoing(env: unknown): NodeOutgoing | undefined {
  const outgoing = (env as { outgoing?: Partial<NodeOutgoing> } | undefined)?.outgoing;
  return typeof outgoing?.setHeader === 'function' && outgoing.headersSent === false
    ? (outgoing as NodeOutgoing)
    : undefined;
}

/**
 * This request's logger, bound to its `request_id` and `trace_id`: made on first use and kept
 * in `c.get('log')`. Outside `requestLogging` (no request id known) it is `logger` itself.
 */
export function requestLog(c: Context<ServerEnv>, logger: Logger): Logger {
  const existing = c.get('log');
  if (existing) return existing;
  const requestId = c.get('requestId') as string | undefined;
  if (requestId === undefined) return logger;
  const log = logger.child({ request_id: requestId, trace_id: c.get('traceId') });
  c.set('log', log);
  return log;
}

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
    c.set('requestId', identity.requestId);
    c.set('traceId', identity.traceId);
    c.set('traceparent', identity.traceparent);
    // Without node's response, set before the handler runs: `c.header` afterwards makes hono
    // rebuild the Response.
    const outgoing = nodeOutgoing(c.env);
    if (!outgoing) c.header('X-Request-Id', identity.requestId);
    await next();
    const streamHead = c.get('streamHead');
    // A handler writing node's head itself takes it with the rest of its head: set on node's
    // response, node would keep it (and every later header) for the life of a stream.
    if (streamHead) streamHead['X-Request-Id'] = identity.requestId;
    // Under @hono/node-server, straight onto node's response: it reaches every answer (a mounted
    // app's own Response included) without building a WHATWG Headers for it.
    else if (outgoing) {
      if (!outgoing.headersSent) outgoing.setHeader('X-Request-Id', identity.requestId);
    }
    // A handler that returned its own Response (yoga) did not get the prepared header.
    else if (!c.res.headers.has('X-Request-Id'))
      c.res.headers.set('X-Request-Id', identity.requestId);
    const path = c.req.path;
    logRequest(logger, identity, {
      method: c.req.method,
      path,
      status: c.res.status,
      started,
      quiet: quietPaths.has(path),
    });
  };
}

/** Milliseconds since `started` (a `performance.now()`), to the microsecond. */
const millisecondsSince = (started: number) =>
  Math.round((performance.now() - started) * 1000) / 1000;

/**
 * A request's access line: `request_id`, `trace_id`, method, path, status and `duration_ms`
 * since `started` (a `performance.now()`), at error level when the server failed (a 5xx unless
 * `failed` says otherwise), debug when `quiet`.
 */
export function logRequest(
  logger: Logger,
  identity: Pick<RequestIdentity, 'requestId' | 'traceId'>,
  request: {
    method: string;
    path: string;
    status: number;
    started: number;
    quiet?: boolean;
    /** The server failed (logged at error level); by default, a 5xx status. */
    failed?: boolean;
  },
): void {
  const { status } = request;
  const level = (request.failed ?? status >= 500) ? 'error' : request.quiet ? 'debug' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  // The fields a child logger bound to the ids would write, in the same order, without
  // building one per request (`requestLog`).
  const line = {
    request_id: identity.requestId,
    trace_id: identity.traceId,
    method: request.method,
    path: request.path,
    status,
    duration_ms: millisecondsSince(request.started),
  };
  logger[level](line, level === 'error' ? 'request failed' : 'request');
}

/**
 * A gRPC call's access line: `request_id`, `trace_id`, `rpc` (the method name), `grpc_status`
 * (the code's name) and `duration_ms`, at error level when the server failed, else info.
 */
export function logCall(
  logger: Logger,
  identity: Pick<RequestIdentity, 'requestId' | 'traceId'>,
  call: { rpc: string; grpcStatus: string; started: number; failed: boolean },
): void {
  const level = call.failed ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const line = {
    request_id: identity.requestId,
    trace_id: identity.traceId,
    rpc: call.rpc,
    grpc_status: call.grpcStatus,
    duration_ms: millisecondsSince(call.started),
  };
  logger[level](line, call.failed ? 'call failed' : 'call');
}

/**
 * The `onInternalError` every adapter takes: logs what caused an `internal` error, which the
 * caller never sees, under its request id and the adapter's protocol. A `CommerceError`
 * wrapping the failure is logged as its cause.
 */
export function internalErrorLogger(
  logger: Logger,
  protocol: 'grpc' | 'graphql' | 'soap' | 'ws',
): (error: unknown, requestId: string) => void {
  return (error, requestId) => {
    const err = error instanceof CommerceError && error.cause !== undefined ? error.cause : error;
    logger.error({ err, request_id: requestId, protocol }, 'internal error');
  };
}
