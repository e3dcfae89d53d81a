import { type Commerce, CommerceError, createContext, type OperationContext } from '@commerce/core';
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RestEnv } from '../env.js';
import { errorResponse } from '../http/problem.js';
import { requestIds } from '../http/request-ids.js';

/** What the route modules need from the factory. */
export interface RouteDeps {
  commerce: Commerce;
  /** Upper bound of `?wait=` long polls, in seconds. */
  longPollMaxSeconds: number;
  /** Aborts long polls when the server shuts down. */
  shutdownSignal: AbortSignal | undefined;
}

export type RestApp = OpenAPIHono<RestEnv>;
export type RestHandler = (c: Context<RestEnv>) => Promise<Response>;

/**
 * Registers `config` in the OpenAPI document and serves `handler` at the same method and path,
 * so the two cannot name different routes. The request is not validated here: the core does it.
 *
 * Whatever the handler throws becomes its problem response here. The app has no `onError` of
 * its own for that: hono wraps every handler of a sub-app that has one in an extra compose when
 * the app is mounted (`app.route`), on every request.
 */
export function defineRoute(app: RestApp, config: RouteConfig, handler: RestHandler): void {
  app.openAPIRegistry.registerPath(config);
  const method = config.method.toUpperCase();
  const path = config.path.replace(/\{(\w+)\}/g, ':$1');
  const label = `${method} ${path}`;
  app.on(method, path, async (c) => {
    c.set('operation', label);
    try {
      return await handler(c);
    } catch (error) {
      c.error = error instanceof Error ? error : new Error(String(error));
      return errorResponse(c, error);
    }
  });
}

/**
 * The core's OperationContext for this request: the authenticated principal and the request
 * id and trace the server resolved (so logs and responses agree). `signal` ends long polls.
 */
export function operationContext(c: Context<RestEnv>, signal?: AbortSignal): OperationContext {
  const principal = c.get('principal');
  if (!principal) throw new CommerceError('unauthenticated', 'an API key is required');
  const { requestId, traceparent } = requestIds(c);
  return createContext({ principal, requestId, traceparent, ...(signal ? { signal } : {}) });
}

/** Aborts when the client goes away or the server shuts down: the signal of a long poll. */
export function longPollSignal(c: Context<RestEnv>, deps: RouteDeps): AbortSignal {
  const signals = [c.req.raw.signal, deps.shutdownSignal].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  return AbortSignal.any(signals);
}
