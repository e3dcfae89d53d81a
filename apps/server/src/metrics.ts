import {
  ERROR_CODES,
  type ErrorCode,
  type Protocol,
  type RequestObserver,
  type Store,
} from '@commerce/core';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger.js';

const JOB_STATES = ['queued', 'running', 'dead'] as const;

/** Seconds; from a cache hit to a long poll. */
const DURATION_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

export interface Metrics {
  readonly registry: Registry;
  /** Where adapters report each request; backs `commerce_requests_total` and the duration histogram. */
  readonly observer: RequestObserver;
  /** The Prometheus text exposition (store gauges are read at this moment). */
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * A registry of its own (several servers may live in one process, e.g. in tests) with the
 * request metrics, the store gauges collected at scrape time and the default process metrics.
 */
export function createMetrics(options: { store: Store; logger: Logger }): Metrics {
  const { store, logger } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'commerce_requests_total',
    help: 'Requests handled, by protocol, operation and outcome (ok or an error code).',
    labelNames: ['protocol', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'commerce_request_duration_seconds',
    help: 'Request duration in seconds, by protocol and operation.',
    labelNames: ['protocol', 'operation'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  new Gauge({
    name: 'commerce_jobs',
    help: 'Background jobs by state, read from the store at scrape time.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await store.jobs.counts();
        for (const state of JOB_STATES) this.set({ state }, counts[state]);
      } catch (error) {
        this.reset();
        logger.warn({ err: error }, 'metrics: could not read job counts');
      }
    },
  });
  new Gauge({
    name: 'commerce_event_log_head_sequence',
    help: 'Highest committed sequence of the event log, read from the store at scrape time.',
    registers: [registry],
    async collect() {
      try {
        this.set(await store.events.head());
      } catch (error) {
        // Keep the last value read: the head only grows, so it stays a true lower bound.
        logger.warn({ err: error }, 'metrics: could not read the event log head');
      }
    },
  });

  return {
    registry,
    observer: {
      observe({ protocol, operation, outcome, durationMs }) {
        requests.inc({ protocol, operation, outcome });
        duration.observe({ protocol, operation }, durationMs / 1000);
      },
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** The error code an HTTP status stands for, when the response does not name one. */
const STATUS_OUTCOMES: Record<number, ErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'invalid_state',
  412: 'version_mismatch',
  422: 'invalid_argument',
  423: 'locked',
  428: 'invalid_argument',
  429: 'rate_limited',
  504: 'deadline_exceeded',
};

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** `ok` for 1xx-3xx; else the problem body's `code`, or the code the status stands for. */
export async function outcomeOf(response: Response): Promise<ErrorCode | 'ok'> {
  if (response.status < 400) return 'ok';
  if (response.headers.get('content-type')?.startsWith('application/problem+json')) {
    try {
      const body = (await response.clone().json()) as { code?: unknown };
      if (typeof body.code === 'string' && KNOWN_CODES.has(body.code))
        return body.code as ErrorCode;
    } catch {
      // Not JSON after all: fall back to the status.
    }
  }
  return (
    STATUS_OUTCOMES[response.status] ?? (response.status >= 500 ? 'internal' : 'invalid_argument')
  );
}

type AnyHandler = ((...args: never[]) => unknown) & { __COMPOSED_HANDLER?: AnyHandler };

/** The handler hono composed (a sub-app with its own onError wraps its handlers); as hono/dev does. */
const targetOf = (handler: AnyHandler): AnyHandler =>
  handler.__COMPOSED_HANDLER ? targetOf(handler.__COMPOSED_HANDLER) : handler;

/**
 * The route that answers this request, e.g. `GET /api/v1/orders/:id`: the last matched route
 * that is a handler, not a middleware (a middleware takes `next`, as in hono's `isMiddleware`).
 * Route patterns keep the label set bounded; an unmatched request is `unmatched`.
 */
export function operationOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i];
    if (route && targetOf(route.handler as AnyHandler).length < 2)
      return `${c.req.method} ${route.path}`;
  }
  return 'unmatched';
}

/** Reports every request of a mounted HTTP app to `observer` under `protocol`. */
export function observeRequests(observer: RequestObserver, protocol: Protocol): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    observer.observe({
      protocol,
      operation: operationOf(c),
      outcome: await outcomeOf(c.res),
      durationMs,
    });
  };
}
