/**
 * `pnpm --filter @commerce/bench bench:rest-cpu`: CPU time per request of the REST API's own
 * code, driven in-process through the server's hono app (`app.fetch`, no sockets), one request
 * at a time, next to the same SQLite read / insert done bare. On a shared machine this is the
 * steadier measure of per-request overhead: it counts CPU microseconds (process.cpuUsage), not
 * wall-clock throughput. It leaves out node:http and the hono→node adapter (see `bench:rest`).
 *
 * The in-process driver builds a WHATWG Request per call, which the REST column includes (a
 * few µs) and the real server does not pay the same way.
 *
 * BENCH_CPU_REQUESTS=n   requests per case (default 20000)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';
import { openBareStore } from './bare-store.js';

const N = Number(process.env.BENCH_CPU_REQUESTS ?? 20_000);
const WARMUP = Math.min(2_000, N);

const server = await startServer(
  loadConfig({
    PORT: '0',
    GRPC_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-rest-cpu-')),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ADMIN_CAPACITY: '100000000',
    RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
  }),
);

const body = JSON.stringify({
  customer_id: 'cus_bench',
  items: [{ sku: 'a', quantity: 1, unit_price: 100 }],
  currency: 'EUR',
});
const auth = { Authorization: 'Bearer sk_test_admin' };
const json = { 'Content-Type': 'application/json' };
const base = 'http://127.0.0.1/api/v1/orders';

async function send(request: Request): Promise<Response> {
  const response = await server.app.fetch(request);
  await response.arrayBuffer();
  if (response.status >= 300)
    throw new Error(`${request.method} ${request.url}: ${response.status}`);
  return response;
}

const created = await send(
  new Request(base, { method: 'POST', headers: { ...auth, ...json }, body }),
);
const orderId = created.headers.get('Location')?.split('/').pop() ?? '';

const ROUNDS = 5;

/**
 * µs of CPU (user + system) per call of `run`, after a warm-up: the least of ROUNDS rounds,
 * since what other processes do to this one (cache misses, preemption) only ever adds time.
 */
async function cpuPerCall(run: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  let best = Number.POSITIVE_INFINITY;
  const perRound = Math.ceil(N / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < perRound; i++) await run(i);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / perRound);
  }
  return best;
}

const bare = await openBareStore();

const rows: Record<string, string | number>[] = [];
const row = (name: string, bare: number, ours: number) =>
  rows.push({
    case: name,
    'bare µs': Math.round(bare * 10) / 10,
    'REST µs': Math.round(ours * 10) / 10,
    'overhead µs': Math.round((ours - bare) * 10) / 10,
  });

const bareGet = await cpuPerCall(() => bare.readJson(bare.seedId));
const restGet = await cpuPerCall(() => send(new Request(`${base}/${orderId}`, { headers: auth })));
row('GET by id', bareGet, restGet);

const barePost = await cpuPerCall(() => bare.insertJson(JSON.parse(body)));
let sequence = 0;
const restPost = await cpuPerCall(() =>
  send(
    new Request(base, {
      method: 'POST',
      headers: { ...auth, ...json, 'Idempotency-Key': `cpu-${++sequence}` },
      body,
    }),
  ),
);
row('POST + Idempotency-Key', barePost, restPost);

console.log(
  `\n${N} requests per case, in-process (app.fetch), CPU time per request (best of ${ROUNDS} rounds)`,
);
console.table(rows);
await server.close();
