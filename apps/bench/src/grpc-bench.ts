/**
 * gRPC benchmark: our server (auth, rate limit, metrics; GetOrder and WatchEvents through the
 * adapter and the core) against a bare grpc-js server doing the same SQLite reads and answering
 * the same bytes, and the floor: the adapter's bridge and mappers over the real store with no
 * middleware (grpc/floor-grpc-server.ts). Unary load comes from h2load with a prebuilt frame (C,
 * so it is not the bottleneck); streaming from grpc-js clients that do not decode. Loopback
 * only, bounded time.
 *
 * The CPU columns (server process user + system, Linux `/proc`) are the measure to trust on a
 * shared machine: calls/s moves with whatever else runs, CPU per call much less. The ratio after
 * each CPU figure is bare CPU / that CPU, comparable with the throughput ratio on a quiet machine.
 *
 *   pnpm bench:grpc            (BENCH_SECONDS=8, BENCH_EVENTS=100000 by default)
 *   BENCH_GRPC_CPU_PROF=dir    writes `--cpu-prof` profiles of the server processes into
 *     dir/ours, dir/floor and dir/bare (summarize with
 *     `node apps/bench/src/profile-summary.mjs dir/ours/*`).
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
const TARGET = 0.8;
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
const floor = await spawnReady<{ grpcPort: number }>(
  join(here, 'grpc/floor-grpc-server.ts'),
  [ours.ready.dbPath],
  profiling('floor'),
);
const floorAddress = `127.0.0.1:${floor.ready.grpcPort}`;
const floorAnswers = await firstAnswers(floorAddress, getRequest, watchRequest, metadata);
if (!floorAnswers.order.equals(answers.order)) throw new Error('floor GetOrder bytes differ');
if (!floorAnswers.event.equals(answers.event)) throw new Error('floor WatchEvents bytes differ');

interface Measured {
  unary: Awaited<ReturnType<typeof h2loadUnary>>;
  stream: Awaited<ReturnType<typeof readStreams>>;
}

try {
  const measure = async (address: string, server: Spawned<unknown>): Promise<Measured> => ({
    unary: await h2loadUnary({
      url: `http://${address}/commerce.v1.OrderService/GetOrder`,
      frameFile: join(work, 'get.frame'),
      headers: { authorization: `Bearer ${API_KEY}` },
      connections: CONNECTIONS,
      streams: STREAMS_PER_CONNECTION,
      seconds: SECONDS,
      serverCpuMicros: server.cpuMicros,
    }),
    stream: await readStreams({
      address,
      request: watchRequest,
      metadata,
      streams: 2,
      perStream: EVENTS,
      serverCpuMicros: server.cpuMicros,
    }),
  });
  const measured = {
    bare: await measure(bareAddress, bare),
    floor: await measure(floorAddress, floor),
    ours: await measure(oursAddress, ours),
  };
  // Every call the bench counted must be a gRPC OK: check the status after the load too.
  await firstAnswers(oursAddress, getRequest, watchRequest, metadata);

  const base = measured.bare;
  const ratio = (x: number, of: number) => `${(x / of).toFixed(2)}×`;
  const cpu = (x: number | undefined, of: number | undefined) =>
    x === undefined || of === undefined ? 'n/a' : `${x.toFixed(1)} (${ratio(of, x)})`;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const names = {
    bare: 'bare grpc-js, prebuilt bytes',
    floor: 'floor: generated code + store',
    ours: 'ours (every middleware on)',
  };
  const rows = (Object.keys(measured) as (keyof typeof measured)[]).map((name) => {
    const { unary, stream } = measured[name];
    return {
      server: names[name],
      'GetOrder calls/s': Math.round(unary.callsPerSecond),
      'GetOrder vs bare': ratio(unary.callsPerSecond, base.unary.callsPerSecond),
      'CPU µs/call (ratio)': cpu(unary.serverCpuPerCall, base.unary.serverCpuPerCall),
      'WatchEvents msg/s': Math.round(stream.messagesPerSecond),
      'WatchEvents vs bare': ratio(stream.messagesPerSecond, base.stream.messagesPerSecond),
      'CPU µs/msg (ratio)': cpu(stream.serverCpuPerMessage, base.stream.serverCpuPerMessage),
      'load generator CPU': `h2load ${pct(unary.loadGenCpu)}, client ${pct(stream.loadGenCpu)}`,
    };
  });
  console.log(
    `\ngRPC, loopback, ${SECONDS} s unary runs (h2load -c${CONNECTIONS} -m${STREAMS_PER_CONNECTION}), 2 streams × ${EVENTS} events`,
  );
  console.table(rows);
  console.log(
    'CPU: server process µs per call / per message; (ratio) = bare CPU / this CPU. The floor is',
  );
  console.log(
    "the adapter's bridge and mappers with the real store and no middleware (floor-grpc-server.ts).",
  );
  const failed = base.unary.failed + measured.floor.unary.failed + measured.ours.unary.failed;
  const verdict = (x: number) => (x >= TARGET ? 'ok' : `below ${TARGET}`);
  const unaryRatio = measured.ours.unary.callsPerSecond / base.unary.callsPerSecond;
  const streamRatio = measured.ours.stream.messagesPerSecond / base.stream.messagesPerSecond;
  console.log(
    `\nours / bare: GetOrder ${unaryRatio.toFixed(2)}× (${verdict(unaryRatio)}), WatchEvents ${streamRatio.toFixed(2)}× (${verdict(streamRatio)}); h2load failures: ${failed}`,
  );
} finally {
  await Promise.all([ours.stop(), bare.stop(), floor.stop()]);
  rmSync(work, { recursive: true, force: true });
}
