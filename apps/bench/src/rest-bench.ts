/**
 * `pnpm bench:rest`: GET by id and POST (with an idempotency key) through the REST API with
 * every middleware on, against a bare node:http + better-sqlite3 server doing the same
 * primary-key read and insert. Loopback only, bounded duration; prints req/s, p99 and ratios.
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { spawnServer } from './spawn-server.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 50;
const TARGETS = { get: 0.8, post: 0.6 } as const;

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

interface Case {
  name: string;
  kind: keyof typeof TARGETS;
  options: autocannon.Options;
}

async function measure(c: Case) {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...c.options });
  const errors = result.non2xx + result.errors;
  if (errors > 0) console.warn(`${c.name}: ${errors} errors or non-2xx responses`);
  return { reqPerSec: result.requests.average, p99: result.latency.p99 };
}

let sequence = 0;
const body = JSON.stringify({
  customer_id: 'cus_bench',
  items: [{ sku: 'a', quantity: 1, unit_price: 100 }],
  currency: 'EUR',
});

const bare = await spawnServer(script('./bare-server.ts'));
const rest = await spawnServer(script('./rest-server.ts'));
try {
  const auth = { Authorization: 'Bearer sk_test_admin' };
  const json = { 'Content-Type': 'application/json' };
  const cases: Case[] = [
    { name: 'bare GET', kind: 'get', options: { url: `${bare.url}/orders/${bare.id}` } },
    {
      name: 'REST GET /api/v1/orders/{id}',
      kind: 'get',
      options: { url: `${rest.url}/api/v1/orders/${rest.id}`, headers: auth },
    },
    {
      name: 'bare POST',
      kind: 'post',
      options: { url: `${bare.url}/orders`, method: 'POST', headers: json, body },
    },
    {
      name: 'REST POST /api/v1/orders (Idempotency-Key)',
      kind: 'post',
      options: {
        url: `${rest.url}/api/v1/orders`,
        method: 'POST',
        body,
        headers: { ...auth, ...json },
        setupClient: (client) =>
          client.setHeaders({ ...auth, ...json, 'Idempotency-Key': `bench-${++sequence}` }),
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
  const rows: { case: string; 'req/s': number; 'p99 ms': number; 'vs bare': string }[] = [];
  const baseline: Partial<Record<Case['kind'], number>> = {};
  for (const c of cases) {
    const { reqPerSec, p99 } = await measure(c);
    const base = baseline[c.kind];
    if (base === undefined) baseline[c.kind] = reqPerSec;
    const ratio = base === undefined ? 1 : reqPerSec / base;
    const verdict =
      base === undefined ? '' : ratio >= TARGETS[c.kind] ? ' ok' : ` < ${TARGETS[c.kind]}`;
    rows.push({
      case: c.name,
      'req/s': Math.round(reqPerSec),
      'p99 ms': p99,
      'vs bare': `${ratio.toFixed(2)}x${verdict}`,
    });
  }
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per case, loopback`);
  console.table(rows);
} finally {
  bare.stop();
  rest.stop();
}
