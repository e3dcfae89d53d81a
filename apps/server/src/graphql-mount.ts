import {
  createGraphqlWsHandler,
  createGraphqlYoga,
  type GraphqlYoga,
} from '@commerce/adapter-graphql';
import type { Commerce, RequestObserver } from '@commerce/core';
import { Hono } from 'hono';
import type { Config } from './config.js';
import type { HttpMount } from './http-app.js';
import type { Logger, ServerEnv } from './logger.js';
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
      onInternalError: (error, requestId) =>
        logger.error(
          { err: error.cause ?? error, request_id: requestId },
          'graphql internal error',
        ),
    });
    instances.set(runtime, yoga);
  }
  return yoga;
}

/** GraphQL over HTTP (and SSE subscriptions, GraphiQL) at `/graphql`, with the server's request ids. */
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
