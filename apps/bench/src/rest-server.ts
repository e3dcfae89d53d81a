/**
 * The real server (every middleware on: request ids and logging, metrics, CORS, auth, rate
 * limit, ETag) on a fresh SQLite data dir or, when BENCH_DATABASE_URL and BENCH_REDIS_URL are
 * set, in the scale-out mode on the PostgreSQL schema (BENCH_DATABASE_SCHEMA) and Redis key
 * prefix (BENCH_REDIS_KEY_PREFIX) the bench chose. Prints `READY {"url","id"}` once listening
 * and an order exists.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';

const config = loadConfig({
  PORT: '0',
  GRPC_PORT: '0',
  HOST: '127.0.0.1',
  // Request logs would measure stdout, not the API; warnings and errors are still written.
  LOG_LEVEL: 'warn',
  RATE_LIMIT_ADMIN_CAPACITY: '100000000',
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
  ...(process.env.BENCH_DATABASE_URL
    ? {
        DATABASE_URL: process.env.BENCH_DATABASE_URL,
        REDIS_URL: process.env.BENCH_REDIS_URL,
        DATABASE_SCHEMA: process.env.BENCH_DATABASE_SCHEMA,
        REDIS_KEY_PREFIX: process.env.BENCH_REDIS_KEY_PREFIX,
      }
    : { DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-rest-')) }),
});
const server = await startServer(config);
const response = await fetch(`${server.url}/api/v1/orders`, {
  method: 'POST',
  headers: { Authorization: 'Bearer sk_test_admin', 'Content-Type': 'application/json' },
  body: JSON.stringify({
    customer_id: 'cus_bench',
    items: [{ sku: 'a', quantity: 1, unit_price: 100 }],
    currency: 'EUR',
  }),
});
const order = (await response.json()) as { id: string };
process.stdout.write(`READY ${JSON.stringify({ url: server.url, id: order.id })}\n`);
// A clean exit on SIGTERM, so a `--cpu-prof` profile (BENCH_REST_CPU_PROF) gets written.
process.once('SIGTERM', () => process.exit(0));
