/**
 * The real server (every middleware on; SOAP attached ahead of hono on `/soap`) on a fresh data
 * dir, LOG_LEVEL=warn. Creates one order, then prints `READY {"url","id","db"}`: `db` is its
 * SQLite file, which the naive and ceiling servers read the same row from.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';
import { BENCH_KEY } from './envelopes.js';
import { announce } from './spawn.js';

const config = loadConfig({
  PORT: '0',
  GRPC_PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-soap-')),
  // Request logs would measure stdout, not the API; warnings and errors are still written.
  LOG_LEVEL: 'warn',
  RATE_LIMIT_ADMIN_CAPACITY: '100000000',
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
});
const server = await startServer(config);
const response = await fetch(`${server.url}/api/v1/orders`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${BENCH_KEY}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({
    customer_id: 'cus_bench',
    items: [
      { sku: 'sku-a', quantity: 1, unit_price: 1250 },
      { sku: 'sku-b', quantity: 2, unit_price: 499 },
    ],
    currency: 'EUR',
  }),
});
if (response.status !== 201) throw new Error(`seeding the order: HTTP ${response.status}`);
const order = (await response.json()) as { id: string };
announce({ url: server.url, id: order.id, db: config.databasePath });
