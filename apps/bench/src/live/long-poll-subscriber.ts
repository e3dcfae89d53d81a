import { type Agent, request } from 'node:http';
import { record, type Subscriber, type WireMeter } from './subscriber.js';

interface Batch {
  events: { sequence: number; occurred_at: string }[];
  next_sequence: number;
}

function poll(
  url: string,
  apiKey: string,
  agent: Agent,
  meter: WireMeter,
  payload: { bytes: number },
): Promise<Batch> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${apiKey}` } });
    req.on('socket', (socket) => meter.track(socket));
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        payload.bytes += Buffer.byteLength(body);
        if (res.statusCode === 200) resolve(JSON.parse(body) as Batch);
        else reject(new Error(`long poll answered ${res.statusCode}: ${body}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A long-polling client: `GET /api/v1/events?after=<seq>&wait=30` in a loop over keep-alive. */
export function longPollSubscriber(
  url: string,
  apiKey: string,
  after: number,
  meter: WireMeter,
  agent: Agent,
): Subscriber {
  const latencies = new Map<number, number>();
  const payload = { bytes: 0 };
  let closed = false;
  let cursor = after;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  void (async () => {
    while (!closed) {
      const query = `after=${cursor}&wait=30`;
      const next = poll(`${url}/api/v1/events?${query}`, apiKey, agent, meter, payload);
      markReady();
      const batch = await next.catch(() => null);
      if (!batch) return;
      for (const event of batch.events) record(latencies, event);
      cursor = batch.next_sequence;
    }
  })();
  return {
    ready,
    latencies,
    payload,
    close: () => {
      closed = true;
    },
  };
}
