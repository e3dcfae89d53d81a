/**
 * The real server for the push-channel benchmark: stream caps raised so one admin key may hold
 * every subscriber, rate limits out of the way. Prints `READY {"url","id"}` once listening.
 * SIGUSR2 is the bench's memory probe (see memory-probe.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@commerce/server';
import { installMemoryProbe } from './memory-probe.js';

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
installMemoryProbe();
process.stdout.write(`READY ${JSON.stringify({ url: server.url, id: '' })}\n`);
process.once('SIGTERM', () => process.exit(0));
