/**
 * The generated-code floor: grpc-js serving GetOrder and WatchEvents through the adapter's bridge
 * (protobuf-es `fromBinary` / `toBinary` of the generated messages, as the issue requires) and
 * its mappers from the core's types, reading with the real store (@commerce/store-sqlite) on our
 * server's SQLite file, and nothing else: no authentication, rate limit, request id, abort
 * signal, metrics or log. What it costs over the bare server (prebuilt bytes) is the least any
 * server built this way pays. Args: dbPath. Prints `READY {grpcPort}`.
 */
import { create } from '@bufbuild/protobuf';
import {
  eventToProto,
  type Incoming,
  MalformedMessage,
  orderToProto,
  serviceDefinition,
} from '@commerce/adapter-grpc';
import {
  EventService,
  GetOrderResponseSchema,
  OrderService,
  WatchEventsResponseSchema,
} from '@commerce/proto';
import { openSqliteStore } from '@commerce/store-sqlite';
import * as grpc from '@grpc/grpc-js';
import { listenOnLoopback } from './listen.js';

type GetOrder = typeof OrderService.method.getOrder;
type WatchEvents = typeof EventService.method.watchEvents;

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: dbPath');
const store = await openSqliteStore({ path: dbPath });
const BATCH = 100;

const server = new grpc.Server();
// Methods left out of an implementation answer UNIMPLEMENTED (grpc-js).
server.addService(serviceDefinition(OrderService), {
  getOrder(
    call: grpc.ServerUnaryCall<Incoming<GetOrder>, unknown>,
    done: grpc.sendUnaryData<unknown>,
  ) {
    const request = call.request;
    if (request instanceof MalformedMessage) return done({ code: grpc.status.INVALID_ARGUMENT });
    store.orders.get(request.orderId).then(
      (order) =>
        order
          ? done(null, create(GetOrderResponseSchema, { order: orderToProto(order) }))
          : done({ code: grpc.status.NOT_FOUND }),
      (error: Error) => done({ code: grpc.status.INTERNAL, details: error.message }),
    );
  },
});
server.addService(serviceDefinition(EventService), {
  watchEvents(call: grpc.ServerWritableStream<Incoming<WatchEvents>, unknown>) {
    let cursor = 0;
    let open = true;
    call.on('cancelled', () => {
      open = false;
    });
    const pump = async () => {
      while (open) {
        const events = await store.events.readAfter(cursor, {}, BATCH);
        if (events.length === 0) return call.end();
        let room = true;
        for (const event of events) {
          cursor = event.sequence;
          room = call.write(create(WatchEventsResponseSchema, { event: eventToProto(event) }));
        }
        if (!room) return call.once('drain', pump);
      }
    };
    pump().catch((error: Error) => call.destroy(error));
  },
});
listenOnLoopback(server);
