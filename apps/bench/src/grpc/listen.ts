import * as grpc from '@grpc/grpc-js';

/**
 * Binds a baseline gRPC server to a free loopback port, prints `READY {grpcPort}` for
 * `spawnReady`, and exits on SIGTERM (rather than dying of the signal) so that a `--cpu-prof`
 * profile gets written.
 */
export function listenOnLoopback(server: grpc.Server): void {
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) throw error;
    process.stdout.write(`READY ${JSON.stringify({ grpcPort: port })}\n`);
  });
  process.on('SIGTERM', () => {
    server.forceShutdown();
    process.exit(0);
  });
}
