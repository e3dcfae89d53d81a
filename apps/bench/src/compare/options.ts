import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Settings } from './report.js';

/** Everything `pnpm compare` can be told. */
export interface CompareOptions {
  settings: Settings;
  /** Where the HTML report goes. */
  out: string;
  /** Where the report's raw data goes as JSON, if anywhere. */
  json?: string;
  /** A running server to target instead of starting one. */
  running?: { url: string; grpc: string; pid?: number };
}

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

export const USAGE = `pnpm compare [options]
  --duration <s>       seconds per measured run (default 3)
  --warmup <s>         seconds of warm-up before each operation (default 1)
  --concurrency <n>    calls in flight for latency (default 8)
  --saturation <n>     calls in flight for throughput (default 64)
  --items <n[,n…]>     order lines per order, the payload size; several sizes run in turn (default 3)
  --events <n>         events pushed to every channel, 0 skips push (default 1000)
  --event-rate <n>     events produced per second (default 200)
  --out <file>         HTML report (default reports/comparison.html)
  --json <file>        also write the report's data as JSON
  --url <url>          target a running server's HTTP port instead of starting one
  --grpc <host:port>   its gRPC address (with --url; default: the URL's host, port 50051)
  --pid <pid>          its process id, for server CPU per call (with --url)`;

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

/** Parses the command line (arguments after the script). */
export function parseOptions(args: string[]): CompareOptions {
  const { values: v } = parseArgs({
    args,
    options: Object.fromEntries(
      [
        'duration',
        'warmup',
        'concurrency',
        'saturation',
        'items',
        'events',
        'event-rate',
        'out',
        'json',
        'url',
        'grpc',
        'pid',
      ].map((name) => [name, { type: 'string' as const }]),
    ),
  }) as { values: Record<string, string | undefined> };
  const items = (v.items ?? '3').split(',').map((n) => positive('items', n, 3));
  if (items.some((n) => n < 1 || !Number.isInteger(n)))
    throw new Error('--items must be whole numbers ≥ 1');
  const url = v.url?.replace(/\/$/, '');
  return {
    settings: {
      durationS: positive('duration', v.duration, 3),
      warmupS: positive('warmup', v.warmup, 1),
      concurrency: Math.max(1, positive('concurrency', v.concurrency, 8)),
      saturation: Math.max(1, positive('saturation', v.saturation, 64)),
      items,
      events: positive('events', v.events, 1000),
      eventRate: Math.max(1, positive('event-rate', v['event-rate'], 200)),
      target: url ? 'running' : 'spawned',
    },
    out: resolve(REPO, v.out ?? 'reports/comparison.html'),
    ...(v.json ? { json: resolve(REPO, v.json) } : {}),
    ...(url
      ? {
          running: {
            url,
            grpc: v.grpc ?? `${new URL(url).hostname}:50051`,
            ...(v.pid ? { pid: Number(v.pid) } : {}),
          },
        }
      : {}),
  };
}
