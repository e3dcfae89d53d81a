import type { Agent } from 'node:http';
import { longPollSubscriber } from '../../live/long-poll-subscriber.js';
import { sseSubscriber } from '../../live/sse-subscriber.js';
import { type Subscriber, WireMeter } from '../../live/subscriber.js';
import { wsSubscriber } from '../../live/ws-subscriber.js';
import type { HttpCaller } from '../http-call.js';
import { API_KEY } from '../scenario.js';
import type { Target } from '../target.js';
import type { WireTap } from '../wire-tap.js';
import { graphqlSubscriber } from './graphql-subscriber.js';
import { grpcSubscriber } from './grpc-subscriber.js';
import { webhookSubscriber } from './webhook-receiver.js';

/** One push channel under measurement: its subscriber and the bytes its sockets carried. */
export interface Channel {
  name: string;
  subscriber: Subscriber;
  wireBytes(): number;
  /** Cleanup on the server beyond closing the subscriber (the webhook endpoint). */
  remove(): Promise<void>;
}

/** What opening the channels needs. */
export interface ChannelContext {
  target: Target;
  tap: WireTap;
  /** For REST calls outside the measured sockets (the webhook endpoint). */
  api: HttpCaller;
  /** Keep-alive agent of the SSE and long-poll subscribers. */
  agent: Agent;
  /** Subscribe to events after this sequence. */
  after: number;
}

const metered = (name: string, open: (meter: WireMeter) => Subscriber): Channel => {
  const meter = new WireMeter();
  return { name, subscriber: open(meter), wireBytes: () => meter.bytes(), remove: async () => {} };
};

/** Opens one subscriber on each of the six push channels, all from the same sequence. */
export async function openChannels(ctx: ChannelContext): Promise<Channel[]> {
  const { url, grpc } = ctx.target;
  const grpcPort = Number(grpc.slice(grpc.lastIndexOf(':') + 1));
  const webhook = await webhookSubscriber(ctx.api, API_KEY);
  const channels: Channel[] = [
    metered('SSE', (m) => sseSubscriber(url, API_KEY, ctx.after, m, ctx.agent)),
    metered('WebSocket', (m) => wsSubscriber(url, API_KEY, ctx.after, m)),
    metered('long polling', (m) => longPollSubscriber(url, API_KEY, ctx.after, m, ctx.agent)),
    metered('GraphQL subscription', (m) => graphqlSubscriber(url, API_KEY, ctx.after, m)),
    {
      name: 'gRPC WatchEvents',
      subscriber: grpcSubscriber(grpc, API_KEY, ctx.after),
      // Only this subscriber talks to the gRPC port while push is measured.
      wireBytes: () => {
        const bytes = ctx.tap.bytes(grpcPort);
        return bytes.read + bytes.written;
      },
      remove: async () => {},
    },
    { name: 'webhooks', subscriber: webhook, wireBytes: webhook.wireBytes, remove: webhook.remove },
  ];
  await Promise.all(channels.map((c) => c.subscriber.ready));
  return channels;
}
