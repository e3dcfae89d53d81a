/**
 * `pnpm bench:rest`: GET by id and POST (with an idempotency key) through the REST API with
 * every middleware on, against a bare node:http + better-sqlite3 server doing the same
 * primary-key read and insert. In the same run, the framework floor: hono on @hono/node-server
 * doing that read and insert with no middleware (bare-hono-server.ts), the most any hono API can
 * reach. Loopback only, bounded duration; prints req/s, p99, the server process's CPU time per
 * request, and the ratios to the bare server.
 *
 * The CPU column (Linux `/proc`) is the measure to trust on a shared machine: req/s moves with
 * whatever else runs, CPU per request much less. `cpu ratio` is bare CPU / REST CPU, i.e. the
 * throughput ratio the two would reach if each had a core to itself.
 *
 * BENCH_DURATION_S=n   seconds per case (default 5)
 * BENCH_REST_CASES=get|post   only the GET or only the POST cases
 * BENCH_REST_CPU_PROF=dir   writes a `--cpu-prof` profile of the REST server into dir
 *   (summarize it with `node apps/bench/src/profile-summary.mjs dir/*.cpuprofile`).
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { withCpuPerRequest } from './cpu-per-request.js';
import { type ServerProcess, spawnServer } from './spawn-server.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 50;
const TARGETS = { get: 0.8, post: 0.6 } as const;
const profileDir = process.env.BENCH_REST_CPU_PROF;
const onlyKind = process.env.BENCH_REST_CASES;

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

interface Case {
  name: string;
  kind: keyof typeof TARGETS;
  server: ServerProcess;
  options: autocannon.Options;
}

async function measure(c: Case) {
  const { result, cpuPerRequest } = await withCpuPerRequest(c.server, () =>
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...c.options }),
  );
  const errors = result.non2xx + result.errors;
  if (errors > 0) console.warn(`${c.name}: ${errors} errors or non-2xx responses`);
  return { reqPerSec: result.requests.average, p99: result.latency.p99, cpuPerRequest };
}

let sequence = 0;
const body = JSON.stringify({
  customer_id: 'cus_bench',
  items: [{ sku: 'a', quantity: 1, unit_price: 100 }],
  currency: 'EUR',
});

const bare = await spawnServer(script('./bare-server.ts'));
const hono = await spawnServer(script('./bare-hono-server.ts'));
const rest = await spawnServer(
  script('./rest-server.ts'),
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
);
try {
  const auth = { Authorization: 'Bearer sk_test_admin' };
  const json = { 'Content-Type': 'application/json' };
  const cases: Case[] = [
    {
      name: 'bare GET',
      kind: 'get',
      server: bare,
      options: { url: `${bare.url}/orders/${bare.id}` },
    },
    {
      name: 'hono floor GET (no middleware)',
      kind: 'get',
      server: hono,
      options: { url: `${hono.url}/orders/${hono.id}` },
    },
    {
      name: 'REST GET /api/v1/orders/{id}',
      kind: 'get',
      server: rest,
      options: { url: `${rest.url}/api/v1/orders/${rest.id}`, headers: auth },
    },
    {
      name: 'bare POST',
      kind: 'post',
      server: bare,
      options: { url: `${bare.url}/orders`, method: 'POST', headers: json, body },
    },
    {
      name: 'hono floor POST (no middleware)',
      kind: 'post',
      server: hono,
      options: { url: `${hono.url}/orders`, method: 'POST', headers: json, body },
    },
    {
      name: 'REST POST /api/v1/orders (Idempotency-Key)',
      kind: 'post',
      server: rest,
      options: {
        url: `${rest.url}/api/v1/orders`,
        method: 'POST',
        body,
        headers: { ...auth, ...json },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              headers: {
                ...auth,
                ...json,
                'Idempotency-Key': `bench-${process.pid}-${++sequence}`,
              },
            }),
          },
        ],
      },
    },
  ];
  const rows: Record<string, string | number>[] = [];
  const baseline: Partial<Record<Case['kind'], { reqPerSec: number; cpu: number | undefined }>> =
    {};
  for (const c of cases) {
    if (onlyKind !== undefined && c.kind !== onlyKind) continue;
    const { reqPerSec, p99, cpuPerRequest } = await measure(c);
    const base = baseline[c.kind];
    if (base === undefined) baseline[c.kind] = { reqPerSec, cpu: cpuPerRequest };
    const ratio = base === undefined ? 1 : reqPerSec / base.reqPerSec;
    const verdict =
      base === undefined ? '' : ratio >= TARGETS[c.kind] ? ' ok' : ` < ${TARGETS[c.kind]}`;
    const cpuRatio =
      base?.cpu === undefined || cpuPerRequest === undefined ? 1 : base.cpu / cpuPerRequest;
    rows.push({
      case: c.name,
      'req/s': Math.round(reqPerSec),
      'p99 ms': p99,
      'vs bare': `${ratio.toFixed(2)}x${verdict}`,
      'CPU µs/req': cpuPerRequest === undefined ? 'n/a' : Math.round(cpuPerRequest),
      'cpu ratio': `${cpuRatio.toFixed(2)}x`,
    });
  }
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per case, loopback`);
  console.table(rows);
} finally {
  await Promise.all([bare.stop(), hono.stop(), rest.stop()]);
}
