import type { ClientRequestArgs } from 'node:http';
import type { Socket } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { record, type Subscriber, type WireMeter } from '../../live/subscriber.js';

/** The event as SSE carries it (the REST JSON), field for field. */
const EVENT = `sequence id type customerId orderId paymentId occurredAt traceparent
  orderSnapshot { id customerId items { sku quantity unitPrice } amount currency status version createdAt updatedAt }`;

/**
 * A GraphQL `events` subscription over graphql-ws from `after`. The socket is metered from its
 * upgrade on; payload = every graphql-ws message received (`next` messages carry the events).
 */
export function graphqlSubscriber(
  url: string,
  apiKey: string,
  after: number,
  meter: WireMeter,
): Subscriber {
  const latencies = new Map<number, number>();
  const payload = { bytes: 0 };
  class MeteredSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[], options?: ClientRequestArgs) {
      super(address, protocols, { ...options, perMessageDeflate: false });
      this.on('upgrade', (response) => meter.track(response.socket as Socket));
      this.on('message', (data: Buffer) => {
        payload.bytes += data.length;
      });
    }
  }
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: MeteredSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: 0,
    lazy: false,
  });
  const ready = new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('error', reject);
  });
  type Event = { sequence: number; occurredAt: string };
  client.subscribe<{ events: Event }>(
    {
      query: `subscription($after: Int) { events(afterSequence: $after) { ${EVENT} } }`,
      variables: { after },
    },
    {
      next: ({ data }) => {
        if (data)
          record(latencies, {
            sequence: data.events.sequence,
            occurred_at: data.events.occurredAt,
          });
      },
      error: () => {},
      complete: () => {},
    },
  );
  return { ready, latencies, payload, close: () => void client.dispose() };
}
