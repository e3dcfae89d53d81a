/**
 * One server instance for `pnpm bench:scale`: the real server with every middleware on, on
 * SQLite (a fresh data dir) or, when SCALE_DATABASE_URL and SCALE_REDIS_URL are set, on the
 * shared PostgreSQL schema and Redis prefix the bench chose. Prints `READY {"url","id"}` once
 * listening and an order exists to read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';

const shared = process.env.SCALE_DATABASE_URL
  ? {
      DATABASE_URL: process.env.SCALE_DATABASE_URL,
      REDIS_URL: process.env.SCALE_REDIS_URL,
      DATABASE_SCHEMA: process.env.SCALE_DATABASE_SCHEMA,
      REDIS_KEY_PREFIX: process.env.SCALE_REDIS_KEY_PREFIX,
    }
  : { DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-scale-')) };

const config = loadConfig({
  PORT: '0',
  GRPC_PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_ADMIN_CAPACITY: '100000000',
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
  ...shared,
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
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
