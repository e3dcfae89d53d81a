import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Result of one h2load run: completed calls/s and the CPU h2load itself used. */
export interface UnaryResult {
  callsPerSecond: number;
  succeeded: number;
  failed: number;
  /** h2load's user+sys CPU seconds / wall seconds (1.0 = one core busy). */
  loadGenCpu: number;
  /** Server CPU µs per call over the measured window; undefined without `serverCpuMicros`. */
  serverCpuPerCall: number | undefined;
}

const WARM_UP_SECONDS = 2;

/**
 * Unary calls with h2load and a prebuilt gRPC frame: `connections` × `streams` calls in flight
 * for `seconds` after a warm-up. h2load counts HTTP 200 as success, so callers check one call's
 * gRPC status separately.
 */
export async function h2loadUnary(options: {
  url: string;
  frameFile: string;
  headers: Record<string, string>;
  connections: number;
  streams: number;
  seconds: number;
  /** The server process's CPU µs so far (read when warm-up ends and when h2load exits). */
  serverCpuMicros?: () => number | undefined;
}): Promise<UnaryResult> {
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-m${options.streams}`,
    `-D${options.seconds}`,
    `--warm-up-time=${WARM_UP_SECONDS}`,
    '-d',
    options.frameFile,
    '-H',
    'content-type: application/grpc',
    '-H',
    'te: trailers',
    ...Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    options.url,
  ];
  // `times` reports the CPU of the shell's children: h2load's own cost.
  const script = 'h2load "$@" && times';
  const running = run('bash', ['-c', script, 'h2load', ...args], { maxBuffer: 1 << 24 });
  // h2load counts only the calls after its warm-up, so the server's CPU is read from then on.
  let cpuAtWarm: number | undefined;
  const warmTimer = setTimeout(() => {
    cpuAtWarm = options.serverCpuMicros?.();
  }, WARM_UP_SECONDS * 1000);
  const { stdout } = await running.finally(() => clearTimeout(warmTimer));
  const cpuAtEnd = options.serverCpuMicros?.();
  const rate = /finished in [\d.]+\w*, ([\d.]+) req\/s/.exec(stdout);
  const counts = /requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed/.exec(
    stdout,
  );
  const times = [...stdout.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  const childCpu = (times[2] ?? 0) + (times[3] ?? 0);
  if (!rate || !counts) throw new Error(`unexpected h2load output:\n${stdout}`);
  const succeeded = Number(counts[1]);
  const failed = Number(counts[2]);
  return {
    callsPerSecond: Number(rate[1]),
    succeeded,
    failed,
    loadGenCpu: childCpu / (options.seconds + WARM_UP_SECONDS),
    serverCpuPerCall:
      cpuAtWarm === undefined || cpuAtEnd === undefined || succeeded + failed === 0
        ? undefined
        : (cpuAtEnd - cpuAtWarm) / (succeeded + failed),
  };
}
