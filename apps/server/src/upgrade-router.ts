import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Routes WebSocket upgrade requests by path to the endpoint that owns it (graphql-ws, the event socket). */
export interface UpgradeRouter {
  route(path: string, handler: UpgradeHandler): void;
}

/** Installs the server's one `upgrade` listener; upgrades to unknown paths are refused with 404. */
export function createUpgradeRouter(server: Server): UpgradeRouter {
  const routes = new Map<string, UpgradeHandler>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = routes.get(path);
    if (handler) {
      handler(request, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return {
    route(path, handler) {
      if (routes.has(path)) throw new Error(`an upgrade handler for ${path} exists already`);
      routes.set(path, handler);
    },
  };
}
