/**
 * `pnpm bench:scale`: the REST create/get mix (one idempotent POST /orders for every four GETs
 * of an order, every middleware on) against one SQLite instance, one PostgreSQL + Redis
 * instance, and two PostgreSQL + Redis instances sharing one schema and key prefix, in one run.
 * Prints req/s, p99 and server CPU per request for each, then the scaling ratio (two instances /
 * one) and the PostgreSQL-vs-SQLite ratio for one instance.
 *
 * Needs DATABASE_URL and REDIS_URL (the scale-out mode); the schema and key prefix it uses are
 * its own and dropped at the end. Every instance and the load generator share this machine's
 * cores: the scaling ratio is what the machine gives, so the core count is printed with it.
 *
 * BENCH_DURATION_S=n   seconds per case (default 8, after a 1 s warm-up)
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { deleteKeysWithPrefix } from '@commerce/redis';
import { dropSchema } from '@commerce/store-postgres';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { type CpuSource, withCpuPerRequest } from '../cpu-per-request.js';
import { type ServerProcess, spawnServer } from '../spawn-server.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error(
    'bench:scale needs the scale-out services: set DATABASE_URL=postgres://… and REDIS_URL=redis://…',
  );
  process.exit(2);
}

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = 50;
const GETS_PER_CREATE = 4;
const script = fileURLToPath(new URL('../rest-server.ts', import.meta.url));
const run = `${process.pid}_${Date.now().toString(36)}`;
const schema = `commerce_bench_scale_${run}`;
const keyPrefix = `commerce-bench-scale:${run}:`;
const sharedEnv = {
  BENCH_DATABASE_URL: databaseUrl,
  BENCH_REDIS_URL: redisUrl,
  BENCH_DATABASE_SCHEMA: schema,
  BENCH_REDIS_KEY_PREFIX: keyPrefix,
};

const CREATE_BODY = JSON.stringify({
  customer_id: 'cus_bench',
  items: [{ sku: 'a', quantity: 1, unit_price: 100 }],
  currency: 'EUR',
});

/** One connection's request cycle: a create with a fresh idempotency key, then the GETs. */
function mix(server: ServerProcess): autocannon.Request[] {
  const get: autocannon.Request = { method: 'GET', path: `/api/v1/orders/${server.id}` };
  return [
    {
      method: 'POST',
      path: '/api/v1/orders',
      headers: { 'content-type': 'application/json', 'idempotency-key': '[<id>]' },
      body: CREATE_BODY,
    },
    ...Array.from({ length: GETS_PER_CREATE }, () => get),
  ];
}

interface Measured {
  reqPerSec: number;
  p99: number;
  cpuPerRequest: number | undefined;
  errors: number;
}

/** The instances' CPU time together; undefined if any cannot be read. */
const together = (servers: ServerProcess[]): CpuSource => ({
  cpuMicros() {
    let sum = 0;
    for (const server of servers) {
      const micros = server.cpuMicros();
      if (micros === undefined) return undefined;
      sum += micros;
    }
    return sum;
  },
});

/** Load on every instance at once (the connections split between them), for `seconds`. */
async function load(servers: ServerProcess[], seconds: number): Promise<Measured> {
  const { result, cpuPerRequest } = await withCpuPerRequest(together(servers), async () => {
    const each = await Promise.all(
      servers.map((server) =>
        autocannon({
          url: server.url,
          connections: Math.ceil(CONNECTIONS / servers.length),
          duration: seconds,
          idReplacement: true,
          headers: { authorization: 'Bearer sk_test_admin' },
          requests: mix(server),
        }),
      ),
    );
    return { each, requests: { total: each.reduce((sum, r) => sum + r.requests.total, 0) } };
  });
  const results = result.each;
  return {
    reqPerSec: results.reduce((sum, r) => sum + r.requests.average, 0),
    // Per-instance histograms cannot be merged exactly; the worse one bounds the whole.
    p99: Math.max(...results.map((r) => r.latency.p99)),
    cpuPerRequest,
    errors: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

async function measure(name: string, servers: ServerProcess[]) {
  try {
    await load(servers, 1);
    const measured = await load(servers, DURATION_S);
    if (measured.errors > 0)
      console.warn(`${name}: ${measured.errors} errors or non-2xx responses`);
    return { name, ...measured };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function dropShared(): Promise<void> {
  await dropSchema(databaseUrl as string, schema);
  const redis = new Redis(redisUrl as string);
  try {
    await deleteKeysWithPrefix(redis, keyPrefix);
  } finally {
    redis.disconnect();
  }
}

console.log(
  `REST mix (1 create : ${GETS_PER_CREATE} GETs), ${CONNECTIONS} connections, ${DURATION_S} s per case, ` +
    `${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
try {
  const sqlite = await measure('1 instance, SQLite', [await spawnServer(script)]);
  const onePg = await measure('1 instance, PostgreSQL + Redis', [
    await spawnServer(script, [], sharedEnv),
  ]);
  // The second instance starts after the first has migrated the shared schema.
  const first = await spawnServer(script, [], sharedEnv);
  const second = await spawnServer(script, [], sharedEnv);
  const twoPg = await measure('2 instances, PostgreSQL + Redis', [first, second]);

  console.table(
    [sqlite, onePg, twoPg].map((r) => ({
      case: r.name,
      'req/s': Math.round(r.reqPerSec),
      'p99 ms': r.p99,
      'CPU µs/req': r.cpuPerRequest === undefined ? 'n/a' : Math.round(r.cpuPerRequest),
    })),
  );
  console.log(
    `scaling, 2 instances / 1 (PostgreSQL + Redis): ${(twoPg.reqPerSec / onePg.reqPerSec).toFixed(2)}×`,
  );
  console.log(
    `PostgreSQL + Redis / SQLite, 1 instance:       ${(onePg.reqPerSec / sqlite.reqPerSec).toFixed(2)}×`,
  );
} finally {
  await dropShared();
}
