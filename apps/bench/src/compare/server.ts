/**
 * The server `pnpm compare` starts: the real server (every protocol, demo keys seeded) on free
 * loopback ports over a fresh data dir, with rate limits and stream caps out of the way and
 * loopback webhook targets allowed (the bench's receiver listens on 127.0.0.1). Prints
 * `READY {"url","grpc"}` once listening.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';

const server = await startServer(
  loadConfig({
    PORT: '0',
    GRPC_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-compare-')),
    LOG_LEVEL: 'warn',
    STREAMS_MAX_PER_KEY: '1000',
    STREAMS_MAX_TOTAL: '1000',
    RATE_LIMIT_ADMIN_CAPACITY: '100000000',
    RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    // Large orders (the payload-size runs, --items) exceed the default 64 KiB body limit.
    MAX_BODY_BYTES: String(8 * 1024 * 1024),
  }),
);
const ready = { url: server.url, grpc: `127.0.0.1:${server.grpcPort}` };
process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
