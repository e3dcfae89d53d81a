import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP forwarder the test can cut and restore, to play a service that goes away and returns. */
export interface TcpProxy {
  /** `target`'s URL with host and port replaced by the proxy's. */
  readonly url: string;
  /** Drops every connection and refuses new ones (as a stopped server). */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of the service at `targetUrl`. */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const newServer = () =>
    createServer((client) => {
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  let server: Server | null = newServer();
  const port = await listen(server, 0);
  const url = Object.assign(new URL(targetUrl), { hostname: '127.0.0.1', port: String(port) });

  async function cut() {
    const closing = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise((resolve) => closing.close(resolve));
  }
  return {
    url: url.toString(),
    cut,
    async restore() {
      server ??= newServer();
      await listen(server, port);
    },
    close: cut,
  };
}
