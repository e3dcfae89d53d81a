import { Agent } from 'node:http';
import { quantile, sleep, until } from '../../live/measure.js';
import { expectStatus, HttpCaller } from '../http-call.js';
import type { Progress } from '../progress.js';
import type { PushResult, Settings } from '../report.js';
import { restCreateBody } from '../rest-caller.js';
import { API_KEY, scenarioItems } from '../scenario.js';
import type { Target } from '../target.js';
import type { WireTap } from '../wire-tap.js';
import { openChannels } from './channels.js';

/** How long deliveries may trail the last produced event (webhooks go through the job queue). */
const DRAIN_MS = 60_000;

/** Creates one order over REST: each appends one `order.created` event to the log. */
async function produce(api: HttpCaller, body: string, key: string): Promise<string> {
  const headers = {
    authorization: `Bearer ${API_KEY}`,
    'content-type': 'application/json',
    'idempotency-key': key,
  };
  const answer = await api.call('POST', '/api/v1/orders', headers, body);
  return String(JSON.parse(expectStatus(answer, 201, 'push producer').body).id);
}

/** The log's head: the sequence of the event of an order created just now. */
async function headSequence(api: HttpCaller, body: string, key: string): Promise<number> {
  const id = await produce(api, body, key);
  const answer = await api.call('GET', `/api/v1/events?order_id=${id}&after=0`, {
    authorization: `Bearer ${API_KEY}`,
  });
  const batch = JSON.parse(expectStatus(answer, 200, 'head').body) as {
    events: { sequence: number }[];
  };
  return batch.events.at(-1)?.sequence ?? 0;
}

/**
 * The push run: one subscriber on each channel, all open at once from the same sequence, then
 * `events` orders created at `eventRate`/s (each an `order.created` event carrying the order
 * with `items` lines). Every channel receives the same events; per channel it reports delivery
 * latency (commit to client) and the bytes its sockets carried per event.
 */
export async function measurePush(
  target: Target,
  tap: WireTap,
  settings: Settings,
  items: number,
  progress: Progress,
): Promise<PushResult[]> {
  const api = new HttpCaller(target.url);
  const agent = new Agent({ keepAlive: true });
  const tag = `push-${Date.now().toString(36)}`;
  const body = restCreateBody(scenarioItems(items));
  progress.step(
    'push: opening SSE, WebSocket, long polling, GraphQL, gRPC and webhook subscribers',
  );
  const after = await headSequence(api, body, `${tag}-head`);
  const channels = await openChannels({ target, tap, api, agent, after });
  try {
    await sleep(500);
    const wire = channels.map((c) => c.wireBytes());
    const payload = channels.map((c) => c.subscriber.payload.bytes);
    const start = performance.now();
    for (let i = 0; i < settings.events; i++) {
      if (i % 50 === 0) progress.step(`push: ${i}/${settings.events} events produced`);
      await produce(api, body, `${tag}-${i}`);
      const due = start + ((i + 1) * 1000) / settings.eventRate;
      if (due > performance.now()) await sleep(due - performance.now());
    }
    progress.step('push: waiting for every channel to deliver every event');
    const delivered = (c: (typeof channels)[number]) => c.subscriber.latencies.size;
    await until(() => channels.every((c) => delivered(c) >= settings.events), DRAIN_MS);
    return channels.map((c, i) => {
      const latencies = [...c.subscriber.latencies.values()];
      const count = Math.max(1, latencies.length);
      const wirePer = (c.wireBytes() - (wire[i] ?? 0)) / count;
      const payloadPer = (c.subscriber.payload.bytes - (payload[i] ?? 0)) / count;
      return {
        channel: c.name,
        items,
        delivered: latencies.length,
        expected: settings.events,
        p50Ms: quantile(latencies, 0.5),
        p95Ms: quantile(latencies, 0.95),
        p99Ms: quantile(latencies, 0.99),
        wireBytesPerEvent: wirePer,
        payloadBytesPerEvent: payloadPer,
        framingBytesPerEvent: wirePer - payloadPer,
      };
    });
  } finally {
    for (const c of channels) c.subscriber.close();
    await Promise.all(channels.map((c) => c.remove()));
    agent.destroy();
    api.close();
  }
}
