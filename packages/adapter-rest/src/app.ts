import type { Commerce, RequestObserver } from '@commerce/core';
import { noopObserver } from '@commerce/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { docsRoutes } from './docs.js';
import type { RestEnv } from './env.js';
import { authenticate } from './http/authenticate.js';
import { corsFromAllowlist } from './http/cors.js';
import { HTTP_REFUSALS } from './http/error-table.js';
import { observe } from './http/observe.js';
import { errorResponse, problemResponse } from './http/problem.js';
import { responseHeaders } from './http/response-headers.js';
import { registerComponents } from './openapi/components.js';
import { eventRoutes } from './routes/events.js';
import { orderActionRoutes } from './routes/orders-actions.js';
import { orderReadRoutes } from './routes/orders-read.js';
import { orderWriteRoutes } from './routes/orders-write.js';
import { paymentActionRoutes } from './routes/payment-actions.js';
import { paymentRoutes } from './routes/payments.js';

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
  /** Ends long polls when the server begins to shut down. */
  shutdownSignal?: AbortSignal;
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
  };
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;

  app.use(API, responseHeaders());
  app.use(API, observe(options.observer ?? noopObserver));
  app.use(
    API,
    corsFromAllowlist({
      origins: options.corsOrigins ?? [],
      maxAgeSeconds: options.corsMaxAgeSeconds ?? 600,
    }),
  );
  app.use(API, authenticate(options.commerce));
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) =>
      problemResponse(
        c,
        HTTP_REFUSALS.payloadTooLarge,
        'invalid_argument',
        `the request body exceeds ${maxBodyBytes} bytes`,
      ),
  });
  // Only writes carry bodies; touching `c.req.raw.body` on a GET would build a full Request.
  app.on(['POST', 'PUT'], API, limitBody);

  registerComponents(app);
  orderReadRoutes(app, deps);
  orderWriteRoutes(app, deps);
  orderActionRoutes(app, deps);
  paymentRoutes(app, deps);
  paymentActionRoutes(app, deps);
  eventRoutes(app, deps);
  docsRoutes(app);

  app.onError((error, c) => errorResponse(c, error));
  return app;
}
