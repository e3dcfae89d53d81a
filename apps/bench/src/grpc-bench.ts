/**
 * gRPC benchmark: our server (auth, rate limit, metrics; GetOrder and WatchEvents through the
 * adapter and the core) against a bare grpc-js server doing the same SQLite reads and answering
 * the same bytes. Unary load comes from h2load with a prebuilt frame (C, so it is not the
 * bottleneck); streaming from grpc-js clients that do not decode. Loopback only, bounded time.
 *
 *   pnpm bench:grpc            (BENCH_SECONDS=8, BENCH_EVENTS=100000 by default)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { GetOrderRequestSchema, WatchEventsRequestSchema } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { firstAnswers } from './grpc/first-answers.js';
import { spawnReady } from './grpc/spawn.js';
import { readStreams } from './grpc/stream-load.js';
import { h2loadUnary } from './grpc/unary-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const CONNECTIONS = 4;
const STREAMS_PER_CONNECTION = 32;
const API_KEY = 'sk_test_admin';
const here = new URL('.', import.meta.url).pathname;

const frame = (bytes: Uint8Array) => {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([prefix, bytes]);
};

const ours = await spawnReady<{ grpcPort: number; orderId: string; dbPath: string }>(
  join(here, 'grpc/our-grpc-server.ts'),
);
const work = mkdtempSync(join(tmpdir(), 'bench-grpc-'));
const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${API_KEY}`);
const getRequest = Buffer.from(
  toBinary(GetOrderRequestSchema, create(GetOrderRequestSchema, { orderId: ours.ready.orderId })),
);
const watchRequest = Buffer.from(
  toBinary(WatchEventsRequestSchema, create(WatchEventsRequestSchema, {})),
);
const oursAddress = `127.0.0.1:${ours.ready.grpcPort}`;
const answers = await firstAnswers(oursAddress, getRequest, watchRequest, metadata);
writeFileSync(join(work, 'get.frame'), frame(getRequest));
writeFileSync(join(work, 'order.bin'), answers.order);
writeFileSync(join(work, 'event.bin'), answers.event);
const bare = await spawnReady<{ grpcPort: number }>(join(here, 'grpc/bare-grpc-server.ts'), [
  ours.ready.dbPath,
  join(work, 'order.bin'),
  join(work, 'event.bin'),
]);
const bareAddress = `127.0.0.1:${bare.ready.grpcPort}`;
const bareAnswers = await firstAnswers(bareAddress, getRequest, watchRequest, metadata);
if (!bareAnswers.order.equals(answers.order)) throw new Error('bare GetOrder bytes differ');

try {
  const unary = async (address: string) =>
    h2loadUnary({
      url: `http://${address}/commerce.v1.OrderService/GetOrder`,
      frameFile: join(work, 'get.frame'),
      headers: { authorization: `Bearer ${API_KEY}` },
      connections: CONNECTIONS,
      streams: STREAMS_PER_CONNECTION,
      seconds: SECONDS,
    });
  const stream = (address: string) =>
    readStreams({ address, request: watchRequest, metadata, streams: 2, perStream: EVENTS });
  const bareUnary = await unary(bareAddress);
  const oursUnary = await unary(oursAddress);
  const bareStream = await stream(bareAddress);
  const oursStream = await stream(oursAddress);
  // Every call the bench counted must be a gRPC OK: check the status after the load too.
  await firstAnswers(oursAddress, getRequest, watchRequest, metadata);

  const row = (name: string, bareRate: number, oursRate: number, cpu: string) =>
    `| ${name.padEnd(34)} | ${bareRate.toFixed(0).padStart(9)} | ${oursRate.toFixed(0).padStart(9)} | ${(oursRate / bareRate).toFixed(2).padStart(5)}× | ${cpu.padEnd(22)} |`;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  console.log(
    `\ngRPC, loopback, ${SECONDS} s unary runs (h2load -c${CONNECTIONS} -m${STREAMS_PER_CONNECTION}), 2 streams × ${EVENTS} events\n`,
  );
  console.log(
    '| measure                            |      bare |      ours | ratio  | load generator CPU     |',
  );
  console.log(
    '| ---------------------------------- | --------: | --------: | -----: | ---------------------- |',
  );
  console.log(
    row(
      'GetOrder calls/s',
      bareUnary.callsPerSecond,
      oursUnary.callsPerSecond,
      `h2load ${pct(bareUnary.loadGenCpu)} / ${pct(oursUnary.loadGenCpu)}`,
    ),
  );
  console.log(
    row(
      'WatchEvents messages/s',
      bareStream.messagesPerSecond,
      oursStream.messagesPerSecond,
      `client ${pct(bareStream.loadGenCpu)} / ${pct(oursStream.loadGenCpu)}`,
    ),
  );
  const failed = bareUnary.failed + oursUnary.failed;
  console.log(`\nh2load failures: ${failed} (target ≥ 0.80× on both rows)`);
} finally {
  ours.stop();
  bare.stop();
  rmSync(work, { recursive: true, force: true });
}
