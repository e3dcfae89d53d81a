import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { record, type Subscriber } from '../../live/subscriber.js';
import { expectStatus, type HttpCaller } from '../http-call.js';

/** A webhook subscriber: the receiver, and the server-side endpoint that targets it. */
export interface WebhookSubscriber extends Subscriber {
  /** Bytes the receiver's accepted sockets read and wrote: every delivery's request + answer. */
  wireBytes(): number;
  /** Deletes the endpoint on the server (after close()). */
  remove(): Promise<void>;
}

/**
 * Receives the server's webhook deliveries on 127.0.0.1 (the server must allow private targets)
 * for `order.created`, answering 204 at once. The endpoint is created over REST with `api` and
 * deleted on close. Payload = the delivery bodies.
 */
export async function webhookSubscriber(
  api: HttpCaller,
  apiKey: string,
): Promise<WebhookSubscriber> {
  const latencies = new Map<number, number>();
  const payload = { bytes: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      payload.bytes += body.length;
      const delivery = JSON.parse(body.toString('utf8')) as {
        data: { sequence: number; occurred_at: string };
      };
      record(latencies, delivery.data);
      response.writeHead(204).end();
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const body = JSON.stringify({
    url: `http://127.0.0.1:${port}/hooks`,
    event_types: ['order.created'],
  });
  const created = await api.call('POST', '/api/v1/webhook-endpoints', headers, body);
  const id = String(JSON.parse(expectStatus(created, 201, 'webhook endpoint').body).id);
  return {
    ready: Promise.resolve(),
    latencies,
    payload,
    wireBytes: () => {
      let total = 0;
      for (const socket of sockets) total += socket.bytesRead + socket.bytesWritten;
      return total;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
    remove: async () => {
      const auth = { authorization: headers.authorization };
      const answer = await api.call('DELETE', `/api/v1/webhook-endpoints/${id}`, auth);
      expectStatus(answer, 204, 'webhook endpoint delete');
    },
  };
}
