import type { ErrorCode, Protocol } from '@commerce/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from './logger.js';
import { requestLog, requestLogging, type ServerEnv } from './logger.js';
import { type Metrics, observeRequests } from './metrics.js';

/**
 * An HTTP app mounted on the server's one port under `path`: the seam where the REST,
 * GraphQL and SOAP adapters (and tests) plug in. `protocol` labels its requests in
 * `commerce_requests_total`; `false` when the adapter reports to the RequestObserver itself.
 */
export interface HttpMount {
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: any hono app, whatever its env and schema
  app: Hono<any, any, any>;
  /** Defaults to `rest`. */
  protocol?: Protocol | false;
}

/** `checks` names each dependency (database, redis) with `ok` or `unavailable`. */
export type Readiness = { checks?: Record<string, string> } & (
  | { ready: true }
  | { ready: false; reason: string }
);

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  /** Liveness says the process runs; readiness says it should get traffic (store reachable, not shutting down). */
  readiness: () => Promise<Readiness>;
  mounts?: readonly HttpMount[];
}

/** The operational endpoints: never counted as API requests, logged at debug level. */
export const OPS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The JSON of an RFC 9457 problem carrying the error code and the request's ids. */
export function problemJson(problem: {
  status: number;
  code: ErrorCode;
  title: string;
  detail?: string;
  requestId: string;
  traceId: string;
}): string {
  const { status, code, title, detail } = problem;
  return JSON.stringify({
    type: 'about:blank',
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    code,
    request_id: problem.requestId,
    trace_id: problem.traceId,
  });
}

/** An RFC 9457 problem response carrying the error code and the request's ids. */
export function problem(
  c: Context<ServerEnv>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  title: string,
  detail?: string,
): Response {
  const body = problemJson({
    status,
    code,
    title,
    ...(detail === undefined ? {} : { detail }),
    requestId: c.get('requestId'),
    traceId: c.get('traceId'),
  });
  return c.body(body, status, { 'Content-Type': 'application/problem+json' });
}

/**
 * The hono app served on the one HTTP port: request ids and logs for everything, `/healthz`,
 * `/readyz`, `/metrics`, then the mounts; a problem-JSON 404 and an error handler that logs the
 * error and answers a 500 problem without any detail of it.
 */
export function createHttpApp(options: HttpAppOptions): Hono<ServerEnv> {
  const { logger, metrics, readiness, mounts = [] } = options;
  const app = new Hono<ServerEnv>();

  app.use('*', requestLogging(logger, OPS_PATHS));

  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE));
  app.get('/readyz', async (c) => {
    const state = await readiness();
    const checks = state.checks ? { checks: state.checks } : {};
    return state.ready
      ? c.json({ status: 'ready', ...checks }, 200, NO_STORE)
      : c.json({ status: 'unavailable', reason: state.reason, ...checks }, 503, NO_STORE);
  });
  app.get('/metrics', async (c) => {
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType, ...NO_STORE });
  });

  for (const mount of mounts) {
    const protocol = mount.protocol ?? 'rest';
    if (protocol !== false) {
      const base = mount.path.replace(/\/+$/, '');
      app.use(base === '' ? '*' : `${base}/*`, async (c, next) => {
        if (OPS_PATHS.has(c.req.path)) return next();
        return observeRequests(metrics.observer, protocol)(c, next);
      });
    }
    app.route(mount.path, mount.app);
  }

  app.notFound((c) =>
    problem(c, 404, 'not_found', 'Not Found', `no resource at ${c.req.method} ${c.req.path}`),
  );
  app.onError((error, c) => {
    requestLog(c, logger).error(
      { err: error, method: c.req.method, path: c.req.path },
      'unhandled error',
    );
    return problem(c, 500, 'internal', 'Internal Server Error');
  });
  return app;
}
