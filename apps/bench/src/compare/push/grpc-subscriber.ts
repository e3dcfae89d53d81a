import { timestampMs } from '@bufbuild/protobuf/wkt';
import { EventService } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { record, type Subscriber } from '../../live/subscriber.js';
import { callMetadata, codec } from '../grpc-method.js';

/**
 * A gRPC `WatchEvents` server stream from `after`, on its own client (one HTTP/2 connection).
 * Payload = the protobuf messages; the wire bytes come from the WireTap on the gRPC port.
 */
export function grpcSubscriber(address: string, apiKey: string, after: number): Subscriber {
  const latencies = new Map<number, number>();
  const counter = { sent: 0, received: 0 };
  const payload = {
    get bytes() {
      return counter.received;
    },
  };
  const watch = codec(EventService.method.watchEvents, counter);
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const call = client.makeServerStreamRequest(
    watch.path,
    watch.serialize,
    watch.deserialize,
    { afterSequence: BigInt(after) },
    callMetadata(apiKey),
  );
  call.on('data', ({ event }: ReturnType<typeof watch.deserialize>) => {
    if (!event?.occurredAt) return;
    const occurred = new Date(timestampMs(event.occurredAt)).toISOString();
    record(latencies, { sequence: Number(event.sequence), occurred_at: occurred });
  });
  // Cancelling at the end is the normal way out of an endless stream.
  call.on('error', () => {});
  const ready = new Promise<void>((resolve, reject) => {
    client.waitForReady(Date.now() + 10_000, (error) => (error ? reject(error) : resolve()));
  });
  return {
    ready,
    latencies,
    payload,
    close: () => {
      call.cancel();
      client.close();
    },
  };
}
