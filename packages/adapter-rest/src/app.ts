import type { Commerce, RequestObserver } from '@commerce/core';
import { noopObserver } from '@commerce/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import { docsRoutes } from './docs.js';
import type { RestEnv } from './env.js';
import { limitBody as bodyLimiter } from './http/body-limit.js';
import { HTTP_REFUSALS } from './http/error-table.js';
import { restPipeline } from './http/pipeline.js';
import { problemResponse } from './http/problem.js';
import { registerComponents } from './openapi/components.js';
import { eventRoutes } from './routes/events.js';
import { orderActionRoutes } from './routes/orders-actions.js';
import { orderReadRoutes } from './routes/orders-read.js';
import { orderWriteRoutes } from './routes/orders-write.js';
import { paymentActionRoutes } from './routes/payment-actions.js';
import { paymentRoutes } from './routes/payments.js';
import { webhookEndpointRoutes } from './routes/webhook-endpoints.js';

export interface RestAppOptions {
  commerce: Commerce;
  /** Where each API request is reported (mount the app with `protocol: false` then). */
  observer?: RequestObserver;
  /** Browser origins allowed cross-origin; others get no CORS grant. */
  corsOrigins?: readonly string[];
  /** Preflight cache lifetime. Default 600 s. */
  corsMaxAgeSeconds?: number;
  /** Larger request bodies get 413. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Cap of `?wait=` long polls. Default 30 s. */
  longPollMaxSeconds?: number;
  /** Ends long polls and SSE streams when the server begins to shut down. */
  shutdownSignal?: AbortSignal;
  /** Seconds between `: keep-alive` comments on an idle SSE stream. Default 15. */
  sseHeartbeatSeconds?: number;
}

const API = '/api/v1/*';

/**
 * The REST API as a hono app: `/api/v1/…`, `/openapi.json` and `/docs`. It never listens; the
 * composition root mounts it. Its middleware is scoped to `/api/v1/*`, so mounting it at `/`
 * leaves other mounts (GraphQL, SOAP, health) untouched.
 */
export function createRestApp(options: RestAppOptions): OpenAPIHono<RestEnv> {
  const app = new OpenAPIHono<RestEnv>();
  const deps = {
    commerce: options.commerce,
    longPollMaxSeconds: options.longPollMaxSeconds ?? 30,
    shutdownSignal: options.shutdownSignal,
    sseHeartbeatSeconds: options.sseHeartbeatSeconds ?? 15,
  };
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;

  const limitBody = bodyLimiter(maxBodyBytes, (c) =>
    problemResponse(
      c,
      HTTP_REFUSALS.payloadTooLarge,
      'invalid_argument',
      `the request body exceeds ${maxBodyBytes} bytes`,
    ),
  );
  // Response headers, metrics, CORS, authentication and rate limit, and (for writes only, see
  // http/body-limit.ts for why not hono's bodyLimit alone) the body limit: one middleware.
  app.use(
    API,
    restPipeline({
      commerce: options.commerce,
      observer: options.observer ?? noopObserver,
      cors: {
        origins: options.corsOrigins ?? [],
        maxAgeSeconds: options.corsMaxAgeSeconds ?? 600,
      },
      limitBody,
    }),
  );

  registerComponents(app);
  orderReadRoutes(app, deps);
  orderWriteRoutes(app, deps);
  orderActionRoutes(app, deps);
  paymentRoutes(app, deps);
  paymentActionRoutes(app, deps);
  eventRoutes(app, deps);
  webhookEndpointRoutes(app, deps);
  docsRoutes(app);

  // No `app.onError`: the routes (defineRoute) and the pipeline answer their own errors with
  // problems, so that mounting the app does not wrap each of its handlers in a compose of its
  // own (see defineRoute). Anything else that throws reaches the host app's error handler.
  return app;
}
