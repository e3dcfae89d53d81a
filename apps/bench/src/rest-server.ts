/**
 * The real server (every middleware on: request ids and logging, metrics, CORS, auth, rate
 * limit, ETag) on a fresh data dir. Prints `READY {"url","id"}` once listening and an order exists.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';

const config = loadConfig({
  PORT: '0',
  GRPC_PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-rest-')),
  // Request logs would measure stdout, not the API; warnings and errors are still written.
  LOG_LEVEL: 'warn',
  RATE_LIMIT_ADMIN_CAPACITY: '100000000',
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
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
