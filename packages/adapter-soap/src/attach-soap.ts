import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createSoapHandler, type SoapHandlerOptions } from './soap-handler.js';

export type SoapAttachOptions = Omit<SoapHandlerOptions, 'path'> & {
  /** Defaults to `/soap`. */
  path?: string;
};

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves SOAP on `path` of an http.Server that something else listens with (it never listens
 * itself). Like `soap.listen(server, path)`, it answers its own path and passes other requests
 * on; unlike it, only the last request listener (the application) is replaced for that path, so
 * the listeners before it (e.g. the server's in-flight tracking for graceful drain) still see
 * every request. Call before the server listens, after its other request listeners are added.
 */
export function attachSoap(server: Server, options: SoapAttachOptions): void {
  const path = options.path ?? '/soap';
  const handle = createSoapHandler({ ...options, path });
  const listeners = server.listeners('request') as RequestListener[];
  const application = listeners.at(-1);
  const observers = listeners.slice(0, -1);
  const ownsPath = (url: string | undefined) =>
    url === path || url?.startsWith(`${path}?`) === true || url === `${path}/`;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of observers) listener.call(server, req, res);
    if (ownsPath(req.url)) handle(req, res);
    else application?.call(server, req, res);
  });
}
