import { create } from '@bufbuild/protobuf';
import type { Duration } from '@bufbuild/protobuf/wkt';
import type { EventQuery, EventType } from '@commerce/core';
import { EventService, ListEventsResponseSchema, WatchEventsResponseSchema } from '@commerce/proto';
import { bridgeService, type GrpcService } from './bridge.js';
import { optionalNumber, optionalText, toNumber } from './from-proto.js';
import { type RpcEnv, serverStream, unary } from './rpc.js';
import { eventToProto } from './to-proto.js';

/** The longest ListEvents long poll, whatever `wait` asks for. */
const MAX_WAIT_MS = 30_000;

const RENAMES = { waitMs: 'wait' };

function queryOf(req: { afterSequence: bigint; orderId: string; types: string[] }): EventQuery {
  return {
    afterSequence: toNumber(req.afterSequence),
    orderId: optionalText(req.orderId),
    // Validated by the core: an unknown name is `invalid_argument`.
    types: req.types.length === 0 ? undefined : (req.types as EventType[]),
  };
}

const durationMs = (d: Duration | undefined) =>
  d === undefined ? 0 : Number(d.seconds) * 1000 + Math.floor(d.nanos / 1_000_000);

/** EventService: WatchEvents follows `events.subscribe`; ListEvents is `events.list` or `poll`. */
export function eventService(env: RpcEnv): GrpcService {
  const { events } = env.commerce;
  return bridgeService(EventService, {
    watchEvents: serverStream(
      env,
      'WatchEvents',
      async (ctx, req, send) => {
        const slot = env.commerce.streams.open(ctx);
        try {
          for await (const event of events.subscribe(ctx, queryOf(req))) {
            await send(create(WatchEventsResponseSchema, { event: eventToProto(event) }));
          }
        } finally {
          slot.release();
        }
      },
      RENAMES,
    ),

    listEvents: unary(
      env,
      'ListEvents',
      async (ctx, req) => {
        const query = { ...queryOf(req), limit: optionalNumber(req.limit) };
        const waitMs = Math.min(durationMs(req.wait), MAX_WAIT_MS);
        const batch =
          waitMs > 0 ? await events.poll(ctx, { ...query, waitMs }) : await events.list(ctx, query);
        return {
          message: create(ListEventsResponseSchema, {
            events: batch.events.map(eventToProto),
            nextSequence: BigInt(batch.nextSequence),
          }),
        };
      },
      RENAMES,
    ),
  });
}
