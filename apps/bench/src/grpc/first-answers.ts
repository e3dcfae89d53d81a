import * as grpc from '@grpc/grpc-js';
import { rawMethod } from './raw-method.js';

/**
 * One GetOrder and the first WatchEvents message from a server, as raw bytes; rejects unless
 * both calls succeed (h2load alone would count a gRPC error as a success: it is HTTP 200).
 */
export async function firstAnswers(
  address: string,
  getRequest: Buffer,
  watchRequest: Buffer,
  metadata: grpc.Metadata,
): Promise<{ order: Buffer; event: Buffer }> {
  const Client = grpc.makeGenericClientConstructor(
    {
      getOrder: rawMethod('/commerce.v1.OrderService/GetOrder', false),
      watchEvents: rawMethod('/commerce.v1.EventService/WatchEvents', true),
    },
    'Raw',
  );
  const client = new Client(address, grpc.credentials.createInsecure());
  const methods = client as unknown as Record<string, (...args: unknown[]) => grpc.Call>;
  try {
    const order = await new Promise<Buffer>((resolve, reject) => {
      methods.getOrder?.call(client, getRequest, metadata, (e: Error | null, b: Buffer) =>
        e ? reject(e) : resolve(b),
      );
    });
    const event = await new Promise<Buffer>((resolve, reject) => {
      const call = methods.watchEvents?.call(client, watchRequest, metadata) as
        | grpc.ClientReadableStream<Buffer>
        | undefined;
      if (!call) return reject(new Error('no watchEvents'));
      call.once('data', (b: Buffer) => {
        call.cancel();
        resolve(b);
      });
      call.on('error', (e: grpc.ServiceError) => {
        if (e.code !== grpc.status.CANCELLED) reject(e);
      });
    });
    return { order, event };
  } finally {
    client.close();
  }
}
