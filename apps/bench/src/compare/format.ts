import type { ComparisonReport, PushResult, UnaryResult } from './report.js';
import { OPERATION_LABELS } from './scenario.js';

/** A number for a table: 3 significant digits below 100, whole numbers above. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

/** A table as header + rows of cells, shared by the Markdown and HTML renderers. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** The unary results of one payload size. */
export function unaryTable(rows: UnaryResult[], report: ComparisonReport): Table {
  const { concurrency, saturation } = report.settings;
  return {
    header: [
      'style',
      'operation',
      'request B/call',
      'response B/call',
      'payload B/call',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      `calls/s @${concurrency}`,
      `max calls/s @${saturation}`,
      'server CPU µs/call',
    ],
    rows: rows.map((r) => [
      r.style,
      OPERATION_LABELS[r.operation],
      num(r.requestBytes),
      num(r.responseBytes),
      num(r.payloadBytes),
      num(r.p50Ms),
      num(r.p95Ms),
      num(r.p99Ms),
      num(r.callsPerSecond),
      num(r.throughput),
      num(r.cpuMicrosPerCall),
    ]),
  };
}

/** The push results of one payload size. */
export function pushTable(rows: PushResult[]): Table {
  return {
    header: [
      'channel',
      'delivered',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'wire B/event',
      'payload B/event',
      'framing B/event',
    ],
    rows: rows.map((p) => [
      p.channel,
      `${p.delivered}/${p.expected}`,
      num(p.p50Ms),
      num(p.p95Ms),
      num(p.p99Ms),
      num(p.wireBytesPerEvent),
      num(p.payloadBytesPerEvent),
      num(p.framingBytesPerEvent),
    ]),
  };
}

/** How cost grows with payload size: wire bytes and server CPU per call, per items value. */
export function growthTable(report: ComparisonReport): Table {
  const sizes = report.settings.items;
  const keys = [...new Set(report.unary.map((r) => `${r.style}|${r.operation}`))];
  return {
    header: ['style', 'operation', ...sizes.map((n) => `${n} items: B/call · CPU µs`)],
    rows: keys.map((key) => {
      const [style = '', operation = ''] = key.split('|');
      const cells = sizes.map((n) => {
        const r = report.unary.find((u) => u.items === n && `${u.style}|${u.operation}` === key);
        return r ? `${num(r.requestBytes + r.responseBytes)} · ${num(r.cpuMicrosPerCall)}` : '';
      });
      return [style, OPERATION_LABELS[operation as UnaryResult['operation']], ...cells];
    }),
  };
}

/** One line naming the machine, Node and library versions. */
export function machineLine(report: ComparisonReport): string {
  const m = report.machine;
  const libs = Object.entries(m.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return `${m.cpuModel} × ${m.cpus} CPUs, ${m.memoryGiB} GiB, ${m.os}, load average ${m.loadAverage.join(' ')} at start; Node ${m.node}; ${libs}`;
}

/** One line naming the run's settings. */
export function settingsLine(report: ComparisonReport): string {
  const s = report.settings;
  return `${s.durationS} s per run after ${s.warmupS} s warm-up, ${s.concurrency} calls in flight for latency, ${s.saturation} for throughput, ${s.items.join('/')} items per order, ${s.events} events at ${s.eventRate}/s for push, server ${s.target}`;
}
