import {
  type Commerce,
  type CommerceError,
  noopObserver,
  type Principal,
  type RequestObserver,
} from '@commerce/core';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { EXAMPLE_OPERATION } from './example-operation.js';
import { DEFAULT_GRAPHQL_LIMITS, type GraphqlLimits, limitPlugins } from './limits.js';
import { observerPlugin } from './observer-plugin.js';
import { createRequestContext, type GraphqlContext } from './request-context.js';
import { createCommerceSchema } from './schema.js';

/**
 * What the host passes with each request (e.g. from a hono route's context variables), so that
 * the GraphQL errors and the host's log line name the same request. Absent values are taken
 * from the request's `X-Request-Id` and `traceparent` headers.
 */
export interface GraphqlServerContext {
  requestId?: string;
  traceparent?: string;
  /**
   * Set by `createGraphqlNodeHandler`'s short path, which builds no WHATWG Request: the
   * `Authorization` header and a signal aborted when the client goes away or the instance's
   * `shutdownSignal` fires. Without a `request`, that signal is the operation's as it is.
   */
  authorization?: string | null;
  signal?: AbortSignal;
}

export interface GraphqlYogaOptions {
  commerce: Commerce;
  /** Receives one sample per executed operation (protocol `graphql`). */
  observer?: RequestObserver;
  /** Unset limits keep `DEFAULT_GRAPHQL_LIMITS`. */
  limits?: Partial<GraphqlLimits>;
  /** Schema introspection (and field suggestions in errors). Default on. */
  introspection?: boolean;
  /** Ends open subscriptions when the host begins to shut down. */
  shutdownSignal?: AbortSignal;
  /** Where internal errors' causes go (callers only see `internal error` and the request id). */
  onInternalError?: (error: CommerceError, requestId: string) => void;
  /** Default `/graphql`. */
  graphqlEndpoint?: string;
}

/** What graphql-ws passes for an operation on a connection authenticated at `connection_init`. */
export interface WsInitialContext {
  principal: Principal;
}

export type GraphqlYoga = YogaServerInstance<GraphqlServerContext, GraphqlContext>;

/** Each instance's `shutdownSignal`, which the short path folds into its request signals. */
const shutdownSignals = new WeakMap<GraphqlYoga, AbortSignal>();

/** The `shutdownSignal` `yoga` was created with. */
export const shutdownSignalOf = (yoga: GraphqlYoga): AbortSignal | undefined =>
  shutdownSignals.get(yoga);

const noIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

/**
 * The GraphQL adapter: a yoga instance (a fetch handler and a node request listener) serving
 * queries, mutations and SSE subscriptions, with GraphiQL on GET from a browser. It never
 * listens; mount it on a server, and hand it to `createGraphqlWsHandler` for graphql-ws.
 */
export function createGraphqlYoga(options: GraphqlYogaOptions): GraphqlYoga {
  const { commerce, shutdownSignal } = options;
  const introspection = options.introspection ?? true;
  const limits = { ...DEFAULT_GRAPHQL_LIMITS, ...options.limits };
  const onInternalError = options.onInternalError ?? (() => {});
  const yoga = createYoga<GraphqlServerContext, GraphqlContext>({
    schema: createCommerceSchema(commerce),
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    landingPage: false,
    logging: false,
    graphiql: { title: 'Commerce GraphQL', defaultQuery: EXAMPLE_OPERATION },
    plugins: [
      ...limitPlugins(limits, introspection),
      ...(introspection ? [] : [noIntrospection]),
      observerPlugin(options.observer ?? noopObserver),
    ],
    context: (initial) => {
      const ws = initial as Partial<WsInitialContext>;
      return createRequestContext({
        commerce,
        principal: ws.principal,
        authorization: initial.request
          ? initial.request.headers.get('authorization')
          : initial.authorization,
        requestId: initial.requestId ?? initial.request?.headers.get('x-request-id'),
        traceparent: initial.traceparent ?? initial.request?.headers.get('traceparent'),
        // The short path's signal covers shutdown already: there `AbortSignal.any` (a signal,
        // weak references, a finalization entry per request) cost ~13% of a query's CPU.
        signal:
          !initial.request && initial.signal
            ? initial.signal
            : AbortSignal.any(
                [initial.request?.signal, shutdownSignal].filter(
                  (s): s is AbortSignal => s !== undefined,
                ),
              ),
        onInternalError,
      });
    },
  });
  if (shutdownSignal) shutdownSignals.set(yoga, shutdownSignal);
  return yoga;
}
