/**
 * Our server, as `pnpm start` runs it (auth, rate limit, metrics, every protocol), over a fresh
 * data dir seeded with one order and `EVENTS` events. Prints `READY {grpcPort,orderId,dbPath}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeOrder, makeOrderEvent } from '@commerce/core/testing';
import { createLogger, loadConfig, startServer } from '@commerce/server';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-grpc-ours-'));
const config = loadConfig({
  PORT: '0',
  GRPC_PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  // Rate limiting stays on (a token per call); the bucket is only big enough not to throttle.
  RATE_LIMIT_ADMIN_CAPACITY: '1000000000',
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '1000000000',
});
const server = await startServer(config, { logger: createLogger('silent') });
const { store } = server.commerce;
const order = makeOrder({ customerId: 'cus_alice' });
await store.transaction(async (tx) => {
  await tx.orders.insert(order);
});
for (let done = 0; done < EVENTS; done += 1_000) {
  await store.transaction(async (tx) => {
    for (let i = 0; i < 1_000; i++) await tx.events.append(makeOrderEvent(order));
  });
}
process.stdout.write(
  `READY ${JSON.stringify({ grpcPort: server.grpcPort, orderId: order.id, dbPath: config.databasePath })}\n`,
);
process.on('SIGTERM', () => {
  server.close().then(
    () => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    },
    () => process.exit(1),
  );
});
