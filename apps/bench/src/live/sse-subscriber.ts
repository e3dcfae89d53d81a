import { type Agent, request } from 'node:http';
import { record, type Subscriber, type WireMeter } from './subscriber.js';

/** An SSE client on `GET /api/v1/events` (Accept: text/event-stream), from `after`. */
export function sseSubscriber(
  url: string,
  apiKey: string,
  after: number,
  meter: WireMeter,
  agent: Agent,
): Subscriber {
  const latencies = new Map<number, number>();
  const payload = { bytes: 0 };
  let buffered = '';
  const req = request(`${url}/api/v1/events?after=${after}`, {
    agent,
    headers: { accept: 'text/event-stream', authorization: `Bearer ${apiKey}` },
  });
  req.on('socket', (socket) => meter.track(socket));
  const ready = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) {
            payload.bytes += Buffer.byteLength(data) - 6;
            record(latencies, JSON.parse(data.slice(6)));
          }
          end = buffered.indexOf('\n\n');
        }
      });
      res.on('error', () => {});
      resolve();
    });
    req.on('error', reject);
  });
  req.end();
  return { ready, latencies, payload, close: () => req.destroy() };
}
