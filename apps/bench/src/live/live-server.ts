/**
 * The real server for the push-channel benchmark: stream caps raised so one admin key may hold
 * every subscriber, rate limits out of the way. Prints `READY {"url","id"}` once listening.
 * With LIVE_MEMORY_FILE set, SIGUSR2 collects garbage (run with --expose-gc) and writes
 * `process.memoryUsage()` there: the bench's precise memory probe.
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';

const STREAMS = process.env.LIVE_STREAM_CAP ?? '30000';
const config = loadConfig({
  PORT: '0',
  GRPC_PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-live-')),
  LOG_LEVEL: 'warn',
  STREAMS_MAX_PER_KEY: STREAMS,
  STREAMS_MAX_TOTAL: STREAMS,
  RATE_LIMIT_ADMIN_CAPACITY: '100000000',
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000000',
});
const server = await startServer(config);
const memoryFile = process.env.LIVE_MEMORY_FILE;
if (memoryFile) {
  process.on('SIGUSR2', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass may only queue finalizers whose objects the second one frees.
    gc?.();
    gc?.();
    // Written aside and renamed, so the bench never reads half a file.
    writeFileSync(`${memoryFile}.tmp`, JSON.stringify(process.memoryUsage()));
    renameSync(`${memoryFile}.tmp`, memoryFile);
  });
}
process.stdout.write(`READY ${JSON.stringify({ url: server.url, id: '' })}\n`);
process.once('SIGTERM', () => process.exit(0));
