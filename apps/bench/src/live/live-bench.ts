/**
 * Push channels under load, in one run: N subscribers each on SSE, WebSocket and long polling
 * receive the same burst of orders created over REST; prints commit-to-client latency
 * (p50/p99/max), bytes on the wire per delivered event, and the server's memory per idle SSE
 * connection with M connections open (measured first). The baseline, in the same run: a bare
 * node:http server holding and feeding the same SSE connections (bare-sse-server.ts), so
 * the ratios show what the API adds to what Node itself costs. Loopback only; sizes from the
 * environment (0 skips a part): LIVE_SUBSCRIBERS (1000), LIVE_EVENTS (100), LIVE_RATE
 * (events/s, 20), LIVE_IDLE_CONNECTIONS (10000).
 */
import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, spawnServer } from '../spawn-server.js';
import { measureIdleSse } from './idle-memory.js';
import { longPollSubscriber } from './long-poll-subscriber.js';
import { quantile, ratio, sleep, until } from './measure.js';
import { sseSubscriber } from './sse-subscriber.js';
import { type Subscriber, WireMeter } from './subscriber.js';
import { wsSubscriber } from './ws-subscriber.js';

const SUBSCRIBERS = Number(process.env.LIVE_SUBSCRIBERS ?? 1_000);
const EVENTS = Number(process.env.LIVE_EVENTS ?? 100);
const RATE = Number(process.env.LIVE_RATE ?? 20);
const IDLE_CONNECTIONS = Number(process.env.LIVE_IDLE_CONNECTIONS ?? 10_000);
const KEY = 'sk_test_admin';
const TARGET_P99_MS = 50;
const round = (ms: number) => Math.round(ms * 10) / 10;

type Open = (url: string, after: number, meter: WireMeter, agent: Agent) => Subscriber;
const CHANNELS: { name: string; open: Open }[] = [
  { name: 'SSE', open: (url, after, meter, agent) => sseSubscriber(url, KEY, after, meter, agent) },
  { name: 'WebSocket', open: (url, after, meter) => wsSubscriber(url, KEY, after, meter) },
  {
    name: 'long polling',
    open: (url, after, meter, agent) => longPollSubscriber(url, KEY, after, meter, agent),
  },
];

async function createOrder(url: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      customer_id: 'cus_bench',
      items: [{ sku: 'sku-bench', quantity: 1, unit_price: 100 }],
      currency: 'EUR',
    }),
  });
  if (response.status !== 201) throw new Error(`create answered ${response.status}`);
  await response.arrayBuffer();
}

/** A server under measurement, and the orders created on it so far (its log's head sequence). */
interface Target {
  name: string;
  server: ServerProcess;
  produced: number;
}

/** Bytes of one event's JSON as the channels carry it (to tell payload from framing). */
async function eventJsonBytes(url: string, sequence: number): Promise<number> {
  const response = await fetch(`${url}/api/v1/events?after=${sequence - 1}&limit=1`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  const batch = (await response.json()) as { events: unknown[] };
  return Buffer.byteLength(JSON.stringify(batch.events[0]));
}

async function measureChannel(target: Target, channel: (typeof CHANNELS)[number], bare: boolean) {
  const { url } = target.server;
  const meter = new WireMeter();
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const after = target.produced;
  const subscribers = Array.from({ length: SUBSCRIBERS }, () =>
    channel.open(url, after, meter, agent),
  );
  await Promise.all(subscribers.map((s) => s.ready));
  await sleep(1_000);
  const bytesBefore = meter.bytes();
  for (let i = 0; i < EVENTS; i++) {
    await createOrder(url);
    target.produced += 1;
    await sleep(1_000 / RATE);
  }
  const complete = await until(() => subscribers.every((s) => s.latencies.size >= EVENTS), 30_000);
  const bytes = meter.bytes() - bytesBefore;
  for (const s of subscribers) s.close();
  agent.destroy();
  const latencies = subscribers.flatMap((s) => [...s.latencies.values()]);
  const perEvent = bytes / Math.max(1, latencies.length);
  // The bare server has no event API: its frames carry the event JSON and nothing else.
  const payload = bare
    ? Math.round(subscribers.reduce((sum, s) => sum + s.payload.bytes, 0) / latencies.length)
    : await eventJsonBytes(url, target.produced);
  return {
    server: target.name,
    channel: channel.name,
    subscribers: SUBSCRIBERS,
    delivered: `${latencies.length}/${SUBSCRIBERS * EVENTS}${complete ? '' : ' (timed out)'}`,
    'p50 ms': round(quantile(latencies, 0.5)),
    'p99 ms': round(quantile(latencies, 0.99)),
    'max ms': round(quantile(latencies, 1)),
    'bytes/event': Math.round(perEvent),
    'event JSON bytes': payload,
    'overhead bytes/event': Math.round(perEvent - payload),
    [`p99 ≤ ${TARGET_P99_MS} ms`]: quantile(latencies, 0.99) <= TARGET_P99_MS ? 'yes' : 'NO',
  };
}

const memoryFile = join(mkdtempSync(join(tmpdir(), 'bench-live-memory-')), 'memory.json');
process.env.LIVE_MEMORY_FILE = memoryFile;
const spawn = (script: string) =>
  spawnServer(fileURLToPath(new URL(script, import.meta.url)), ['--expose-gc']);
const bare: Target = {
  name: 'bare node:http',
  server: await spawn('./bare-sse-server.ts'),
  produced: 0,
};
const ours: Target = { name: 'ours', server: await spawn('./live-server.ts'), produced: 0 };
try {
  // Memory first, on fresh servers: RSS deltas read low once a burst has grown the heap.
  if (IDLE_CONNECTIONS > 0) {
    console.log(`memory: ${IDLE_CONNECTIONS} idle SSE connections held open`);
    const measured = await measureIdleSse(ours, memoryFile, IDLE_CONNECTIONS);
    const baseline = await measureIdleSse(bare, memoryFile, IDLE_CONNECTIONS);
    console.table([baseline.row, measured.row]);
    console.log(
      `ours / bare per connection: RSS ${ratio(measured.rssPer, baseline.rssPer)}, JS heap+external ${ratio(measured.livePer, baseline.livePer)}`,
    );
  }
  if (SUBSCRIBERS > 0) {
    console.log(
      `push channels: ${SUBSCRIBERS} subscribers each, ${EVENTS} events at ${RATE}/s, one server process`,
    );
    const sseChannel = CHANNELS[0] as (typeof CHANNELS)[number];
    const rows = [await measureChannel(bare, sseChannel, true)];
    for (const channel of CHANNELS) rows.push(await measureChannel(ours, channel, false));
    console.table(rows);
  }
} finally {
  await Promise.all([bare.server.stop(), ours.server.stop()]);
}
