import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { record, type Subscriber, type WireMeter } from './subscriber.js';

interface Frame {
  type: string;
  id?: string;
  event?: { sequence: number; occurred_at: string };
}

/** A WebSocket client on `/api/v1/ws` subscribed to the log from `after`. */
export function wsSubscriber(
  url: string,
  apiKey: string,
  after: number,
  meter: WireMeter,
): Subscriber {
  const latencies = new Map<number, number>();
  const payload = { bytes: 0 };
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/ws`, {
    headers: { authorization: `Bearer ${apiKey}` },
    perMessageDeflate: false,
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('upgrade', (response) => meter.track(response.socket as Socket));
    socket.on('message', (data: Buffer) => {
      payload.bytes += data.length;
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.type === 'welcome') {
        socket.send(JSON.stringify({ type: 'subscribe', id: 's', channel: 'events', after }));
      } else if (frame.type === 'ack') resolve();
      else if (frame.type === 'event' && frame.event) record(latencies, frame.event);
      else if (frame.type === 'error') reject(new Error(JSON.stringify(frame)));
    });
    socket.on('error', reject);
  });
  return { ready, latencies, payload, close: () => socket.terminate() };
}
