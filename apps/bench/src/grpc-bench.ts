/**
 * gRPC benchmark: our server (auth, rate limit, metrics; GetOrder and WatchEvents through the
 * adapter and the core) against a bare grpc-js server doing the same SQLite reads and answering
 * the same bytes. Unary load comes from h2load with a prebuilt frame (C, so it is not the
 * bottleneck); streaming from grpc-js clients that do not decode. Loopback only, bounded time.
 *
 * The CPU columns (server process user + system, Linux `/proc`) are the measure to trust on a
 * shared machine: calls/s moves with whatever else runs, CPU per call much less. `cpu ratio` is
 * bare CPU / our CPU, comparable with the throughput ratio on a quiet machine.
 *
 *   pnpm bench:grpc            (BENCH_SECONDS=8, BENCH_EVENTS=100000 by default)
 *   BENCH_GRPC_CPU_PROF=dir    writes `--cpu-prof` profiles of both server processes into
 *     dir/ours and dir/bare (summarize with `node apps/bench/src/profile-summary.mjs dir/ours/*`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { GetOrderRequestSchema, WatchEventsRequestSchema } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { firstAnswers } from './grpc/first-answers.js';
import { type Spawned, spawnReady } from './grpc/spawn.js';
import { readStreams } from './grpc/stream-load.js';
import { h2loadUnary } from './grpc/unary-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const CONNECTIONS = 4;
const STREAMS_PER_CONNECTION = 32;
const API_KEY = 'sk_test_admin';
const here = new URL('.', import.meta.url).pathname;
const profileDir = process.env.BENCH_GRPC_CPU_PROF;
const profiling = (server: string) =>
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, server)}`] : [];

const frame = (bytes: Uint8Array) => {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([prefix, bytes]);
};

const ours = await spawnReady<{ grpcPort: number; orderId: string; dbPath: string }>(
  join(here, 'grpc/our-grpc-server.ts'),
  [],
  profiling('ours'),
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
const bare = await spawnReady<{ grpcPort: number }>(
  join(here, 'grpc/bare-grpc-server.ts'),
  [ours.ready.dbPath, join(work, 'order.bin'), join(work, 'event.bin')],
  profiling('bare'),
);
const bareAddress = `127.0.0.1:${bare.ready.grpcPort}`;
const bareAnswers = await firstAnswers(bareAddress, getRequest, watchRequest, metadata);
if (!bareAnswers.order.equals(answers.order)) throw new Error('bare GetOrder bytes differ');

try {
  const unary = async (address: string, server: Spawned<unknown>) =>
    h2loadUnary({
      url: `http://${address}/commerce.v1.OrderService/GetOrder`,
      frameFile: join(work, 'get.frame'),
      headers: { authorization: `Bearer ${API_KEY}` },
      connections: CONNECTIONS,
      streams: STREAMS_PER_CONNECTION,
      seconds: SECONDS,
      serverCpuMicros: server.cpuMicros,
    });
  const stream = (address: string, server: Spawned<unknown>) =>
    readStreams({
      address,
      request: watchRequest,
      metadata,
      streams: 2,
      perStream: EVENTS,
      serverCpuMicros: server.cpuMicros,
    });
  const bareUnary = await unary(bareAddress, bare);
  const oursUnary = await unary(oursAddress, ours);
  const bareStream = await stream(bareAddress, bare);
  const oursStream = await stream(oursAddress, ours);
  // Every call the bench counted must be a gRPC OK: check the status after the load too.
  await firstAnswers(oursAddress, getRequest, watchRequest, metadata);

  const micros = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(1));
  const cpuRatio = (bareCpu: number | undefined, oursCpu: number | undefined) =>
    bareCpu === undefined || oursCpu === undefined ? 'n/a' : `${(bareCpu / oursCpu).toFixed(2)}×`;
  const row = (
    name: string,
    bareRate: number,
    oursRate: number,
    bareCpu: number | undefined,
    oursCpu: number | undefined,
    loadGen: string,
  ) =>
    `| ${name.padEnd(22)} | ${bareRate.toFixed(0).padStart(7)} | ${oursRate.toFixed(0).padStart(7)} | ${(oursRate / bareRate).toFixed(2).padStart(5)}× | ${micros(bareCpu).padStart(8)} | ${micros(oursCpu).padStart(8)} | ${cpuRatio(bareCpu, oursCpu).padStart(9)} | ${loadGen.padEnd(18)} |`;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  console.log(
    `\ngRPC, loopback, ${SECONDS} s unary runs (h2load -c${CONNECTIONS} -m${STREAMS_PER_CONNECTION}), 2 streams × ${EVENTS} events\n`,
  );
  console.log(
    '| measure                |    bare |    ours | ratio  | bare CPU | ours CPU | cpu ratio | load generator CPU |',
  );
  console.log(
    '| ---------------------- | ------: | ------: | -----: | -------: | -------: | --------: | ------------------ |',
  );
  console.log(
    row(
      'GetOrder calls/s',
      bareUnary.callsPerSecond,
      oursUnary.callsPerSecond,
      bareUnary.serverCpuPerCall,
      oursUnary.serverCpuPerCall,
      `h2load ${pct(bareUnary.loadGenCpu)} / ${pct(oursUnary.loadGenCpu)}`,
    ),
  );
  console.log(
    row(
      'WatchEvents messages/s',
      bareStream.messagesPerSecond,
      oursStream.messagesPerSecond,
      bareStream.serverCpuPerMessage,
      oursStream.serverCpuPerMessage,
      `client ${pct(bareStream.loadGenCpu)} / ${pct(oursStream.loadGenCpu)}`,
    ),
  );
  console.log('\nCPU: server process µs per call (GetOrder) / per message (WatchEvents).');
  const failed = bareUnary.failed + oursUnary.failed;
  console.log(`\nh2load failures: ${failed} (target ≥ 0.80× on both rows)`);
} finally {
  await Promise.all([ours.stop(), bare.stop()]);
  rmSync(work, { recursive: true, force: true });
}
