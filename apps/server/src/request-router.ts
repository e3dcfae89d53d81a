import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Routes plain HTTP requests by path to an adapter that answers them straight from node:http
 * (SOAP, GraphQL), in front of the hono application; the counterpart of `UpgradeRouter`.
 */
export interface RequestRouter {
  /** `listener` answers `path`, `path/` and `path?…`; every other request goes on to the app. */
  route(path: string, listener: RequestListener): void;
}

/** The path a request URL is routed by: before any query, without one trailing slash. */
function routeKey(url: string): string {
  const query = url.indexOf('?');
  if (query !== -1) return url.slice(0, query);
  return url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url;
}

/**
 * Replaces the application listener (the server's last `request` listener) with one that
 * routes; the listeners before it (the in-flight tracking for the drain) still see every
 * request. Create it after the application listener is added.
 */
export function createRequestRouter(server: Server): RequestRouter {
  const application = (server.listeners('request') as RequestListener[]).at(-1);
  if (!application) throw new Error('create the request router after the application listener');
  const routes = new Map<string, RequestListener>();
  server.removeListener('request', application);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const listener = routes.get(routeKey(request.url ?? '/')) ?? application;
    listener.call(server, request, response);
  });
  return {
    route(path, listener) {
      if (routes.has(path)) throw new Error(`a request listener for ${path} exists already`);
      routes.set(path, listener);
    },
  };
}
