import * as grpc from '@grpc/grpc-js';
import { rawMethod } from './raw-method.js';

/** Result of a streaming run: messages/s over every stream, and the client's CPU share. */
export interface StreamResult {
  messagesPerSecond: number;
  /** This process's user+sys CPU seconds / wall seconds while it read. */
  loadGenCpu: number;
  /** Server CPU µs per message while the streams ran; undefined without `serverCpuMicros`. */
  serverCpuPerMessage: number | undefined;
}

/**
 * Opens `streams` WatchEvents calls (each on its own channel) with a prebuilt request and reads
 * `perStream` messages from each without decoding them, then cancels them.
 */
export async function readStreams(options: {
  address: string;
  request: Buffer;
  metadata: grpc.Metadata;
  streams: number;
  perStream: number;
  /** The server process's CPU µs so far (read before the streams open and after they end). */
  serverCpuMicros?: () => number | undefined;
}): Promise<StreamResult> {
  const Client = grpc.makeGenericClientConstructor(
    { watchEvents: rawMethod('/commerce.v1.EventService/WatchEvents', true) },
    'Raw',
  );
  const clients = Array.from(
    { length: options.streams },
    () =>
      new Client(options.address, grpc.credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': 1,
      }),
  );
  const cpu = process.cpuUsage();
  const serverCpuBefore = options.serverCpuMicros?.();
  const started = performance.now();
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          const call = (
            client as unknown as Record<
              string,
              (...a: unknown[]) => grpc.ClientReadableStream<Buffer>
            >
          ).watchEvents?.call(client, options.request, options.metadata);
          if (!call) return reject(new Error('no watchEvents'));
          let seen = 0;
          call.on('data', () => {
            seen++;
            if (seen === options.perStream) {
              call.cancel();
              resolve();
            }
          });
          call.on('error', (error: grpc.ServiceError) => {
            if (error.code !== grpc.status.CANCELLED) reject(error);
          });
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverCpuAfter = options.serverCpuMicros?.();
  const used = process.cpuUsage(cpu);
  for (const client of clients) client.close();
  const messages = options.streams * options.perStream;
  return {
    messagesPerSecond: messages / seconds,
    loadGenCpu: (used.user + used.system) / 1e6 / seconds,
    serverCpuPerMessage:
      serverCpuBefore === undefined || serverCpuAfter === undefined
        ? undefined
        : (serverCpuAfter - serverCpuBefore) / messages,
  };
}
