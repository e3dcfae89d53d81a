import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createGraphqlNodeHandler,
  createGraphqlWsHandler,
  createGraphqlYoga,
  type GraphqlYoga,
} from '@commerce/adapter-graphql';
import type { Commerce, RequestObserver } from '@commerce/core';
import { Hono } from 'hono';
import type { Config } from './config.js';
import { type HttpMount, problemJson } from './http-app.js';
import {
  internalErrorLogger,
  type Logger,
  logRequest,
  requestIdentity,
  type ServerEnv,
} from './logger.js';
import type { RequestRouter } from './request-router.js';
import type { UpgradeRouter } from './upgrade-router.js';

/** What GraphQL takes of the server runtime (a `ServerRuntime` is one). */
interface GraphqlRuntime {
  config: Config;
  commerce: Commerce;
  logger: Logger;
  observer: RequestObserver;
  shutdownSignal: AbortSignal;
}

const PATH = '/graphql';

/** One yoga instance per runtime, shared by the HTTP mount and the graphql-ws endpoint. */
const instances = new WeakMap<GraphqlRuntime, GraphqlYoga>();

function yogaFor(runtime: GraphqlRuntime): GraphqlYoga {
  let yoga = instances.get(runtime);
  if (!yoga) {
    const { commerce, observer, config, logger, shutdownSignal } = runtime;
    yoga = createGraphqlYoga({
      commerce,
      observer,
      shutdownSignal,
      introspection: config.graphql.introspection,
      limits: config.graphql.limits,
      graphqlEndpoint: PATH,
      onInternalError: internalErrorLogger(logger, 'graphql'),
    });
    instances.set(runtime, yoga);
  }
  return yoga;
}

/**
 * GraphQL over HTTP (and SSE subscriptions, GraphiQL) at `/graphql`, with the server's request
 * ids, as a hono route: what in-process requests (`app.request('/graphql')`) reach. On the
 * listening server `graphqlHttpAttachment` answers the path first, without the hono hop.
 */
export function graphqlMount(runtime: GraphqlRuntime): HttpMount {
  const yoga = yogaFor(runtime);
  const app = new Hono<ServerEnv>();
  app.all('/', (c) =>
    yoga.fetch(c.req.raw, { requestId: c.get('requestId'), traceparent: c.get('traceparent') }),
  );
  return { path: PATH, app, protocol: false };
}

/** graphql-ws on the same path, through the server's upgrade router. */
export function graphqlWsAttachment(
  { upgrades }: { upgrades: UpgradeRouter },
  runtime: GraphqlRuntime,
): () => Promise<void> {
  const handler = createGraphqlWsHandler({ yoga: yogaFor(runtime), commerce: runtime.commerce });
  upgrades.route(PATH, (request, socket, head) => handler.handleUpgrade(request, socket, head));
  return () => handler.close();
}

/**
 * GraphQL over HTTP routed straight from node:http, in front of the hono app: yoga's node
 * listener with its short path for plain JSON POSTs (`createGraphqlNodeHandler`), without
 * hono's WHATWG Request and Response around it. It keeps what the hono app gives every request:
 * the request id and trace (`X-Request-Id` echoed, passed to yoga), the access log line and a
 * problem-JSON 500 for an unhandled error; the operation metrics come from yoga's observer
 * plugin, as on the hono route.
 */
export function graphqlHttpAttachment(
  { requests }: { requests: RequestRouter },
  runtime: GraphqlRuntime,
): undefined {
  const { logger } = runtime;
  const handle = createGraphqlNodeHandler(yogaFor(runtime));
  requests.route(PATH, (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const identity = requestIdentity({
      requestId: request.headers['x-request-id'] as string | undefined,
      traceparent: request.headers.traceparent as string | undefined,
    });
    response.setHeader('X-Request-Id', identity.requestId);
    const method = request.method ?? 'GET';
    handle(request, response, {
      requestId: identity.requestId,
      traceparent: identity.traceparent,
    }).then(
      () =>
        logRequest(logger, identity, { method, path: PATH, status: response.statusCode, started }),
      (error: unknown) => {
        logger.error(
          {
            err: error,
            request_id: identity.requestId,
            trace_id: identity.traceId,
            method,
            path: PATH,
          },
          'unhandled error',
        );
        if (!response.headersSent) {
          response.writeHead(500, { 'Content-Type': 'application/problem+json' });
          response.end(
            problemJson({
              status: 500,
              code: 'internal',
              title: 'Internal Server Error',
              requestId: identity.requestId,
              traceId: identity.traceId,
            }),
          );
        } else response.destroy();
        logRequest(logger, identity, { method, path: PATH, status: 500, started });
      },
    );
  });
  return undefined;
}
