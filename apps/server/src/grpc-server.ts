import { createGrpcServices, grpcServerOptions } from '@commerce/adapter-grpc';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServerRuntime } from './adapters.js';
import { internalErrorLogger, logCall } from './logger.js';

/** The gRPC listener: the adapter's services on their own HTTP/2 port. */
export interface GrpcListener {
  /** The port actually bound (useful with `GRPC_PORT=0`). */
  readonly port: number;
  /** Health (`grpc.health.v1`) of the server and every service. */
  setServing(serving: boolean): void;
  /**
   * Stops accepting calls and waits for in-flight ones until `deadline` (epoch ms), then cuts
   * the rest; resolves false when it had to cut.
   */
  close(deadline: number): Promise<boolean>;
}

/** `host:port` as grpc-js binds it (IPv6 literals in brackets). */
const bindAddress = (host: string, port: number) =>
  `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** Creates the grpc.Server with the adapter's services and limits, and binds `config.grpcPort`. */
export async function listenGrpc(runtime: ServerRuntime): Promise<GrpcListener> {
  const { config, commerce, observer, shutdownSignal, logger } = runtime;
  const grpc = createGrpcServices({
    commerce,
    observer,
    shutdownSignal,
    onInternalError: internalErrorLogger(logger, 'grpc'),
    onCallEnded: ({ requestId, traceId, operation, code, outcome, started }) =>
      logCall(
        logger,
        { requestId, traceId },
        { rpc: operation, grpcStatus: status[code], started, failed: outcome === 'internal' },
      ),
  });
  const server = new Server(grpcServerOptions());
  for (const service of grpc.services)
    server.addService(service.definition, service.implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      bindAddress(config.host, config.grpcPort),
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  return {
    port,
    setServing: grpc.setServing,
    close(deadline) {
      return new Promise((resolve) => {
        const timer = setTimeout(
          () => {
            server.forceShutdown();
            resolve(false);
          },
          Math.max(0, deadline - Date.now()),
        );
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
