import type { Server as HttpServer } from 'node:http';
import { createRestApp } from '@commerce/adapter-rest';
import { createSoapHandler } from '@commerce/adapter-soap';
import type { Commerce, RequestObserver } from '@commerce/core';
import { asyncApiMount } from './asyncapi/asyncapi-mount.js';
import type { Config } from './config.js';
import { consoleMount } from './console/console-mount.js';
import { graphqlHttpAttachment, graphqlMount, graphqlWsAttachment } from './graphql-mount.js';
import type { HttpMount } from './http-app.js';
import { internalErrorLogger, type Logger, logRequest } from './logger.js';
import type { RequestRouter } from './request-router.js';
import type { UpgradeRouter } from './upgrade-router.js';
import { wsAttachment } from './ws-mount.js';

/** What an adapter needs from the composition root to build its app. */
export interface ServerRuntime {
  config: Config;
  commerce: Commerce;
  logger: Logger;
  /** Adapters that time their own requests report here (then mount them with `protocol: false`). */
  observer: RequestObserver;
  /** Fires when shutdown begins: long polls, SSE streams and subscriptions should end promptly. */
  shutdownSignal: AbortSignal;
  /** The gRPC port once bound (set after the mounts are built; the console's gRPC bridge calls it). */
  grpcPort?: number;
}

/**
 * THE SEAM: the protocol adapters served on the one HTTP port. Each adapter package exports a
 * factory returning a framework object; it is wrapped into a mount here, e.g.
 *
 *   { path: '/', app: createRestApp({ commerce, observer, corsOrigins: config.corsOrigins }) },
 *   { path: '/graphql', app: graphqlRoute(createGraphqlYoga(...)), protocol: false },
 *
 * SOAP (`soap.listen(server, '/soap', …)`) and the WebSocket endpoints attach to the
 * http.Server itself (see server.ts), and gRPC will listen on `config.grpcPort`.
 */
export function adapterMounts(runtime: ServerRuntime): HttpMount[] {
  const { config, commerce, observer, shutdownSignal } = runtime;
  const restApp = createRestApp({
    commerce,
    observer,
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.maxBodyBytes,
    longPollMaxSeconds: config.longPollMaxSeconds,
    sseHeartbeatSeconds: config.sseHeartbeatSeconds,
    shutdownSignal,
  });
  return [
    graphqlMount(runtime),
    asyncApiMount(restApp),
    consoleMount(runtime),
    {
      path: '/',
      app: restApp,
      // The REST app times its own requests (it knows each outcome without re-reading bodies).
      protocol: false,
    },
  ];
}

/**
 * What an attachment gets: the one http.Server, the router for plain requests that an adapter
 * answers from node:http in front of the hono app, and the router for WebSocket upgrades.
 */
export interface ServerHooks {
  server: HttpServer;
  requests: RequestRouter;
  upgrades: UpgradeRouter;
}

/**
 * Attaches to the http.Server itself, before it listens: node:http endpoints
 * (`requests.route('/soap', …)`) and WebSocket endpoints (`upgrades.route('/graphql', …)`). May
 * return a closer, called when shutdown begins (close WebSocket servers there: upgraded sockets
 * are not drained as requests).
 */
export type ServerAttachment = (
  hooks: ServerHooks,
  runtime: ServerRuntime,
) => Promise<(() => Promise<void>) | undefined> | (() => Promise<void>) | undefined;

/** THE SECOND SEAM: adapters that need the http.Server itself. */
export function serverAttachments(_runtime: ServerRuntime): ServerAttachment[] {
  return [graphqlHttpAttachment, attachSoapEndpoint, graphqlWsAttachment, wsAttachment];
}

const SOAP_PATH = '/soap';

/** SOAP on `/soap` (WSDL at `/soap?wsdl`), in front of the HTTP app for that path only. */
const attachSoapEndpoint: ServerAttachment = ({ requests }, { commerce, observer, logger }) => {
  requests.route(
    SOAP_PATH,
    createSoapHandler({
      commerce,
      observer,
      path: SOAP_PATH,
      onInternalError: internalErrorLogger(logger, 'soap'),
      // A SOAP 1.1 fault is a 500 whoever erred: only the server's own failure logs as one.
      onAnswered: ({ requestId, traceId, method, status, outcome, started }) =>
        logRequest(
          logger,
          { requestId, traceId },
          { method, path: SOAP_PATH, status, started, failed: outcome === 'internal' },
        ),
    }),
  );
  return undefined;
};
