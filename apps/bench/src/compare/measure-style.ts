import { quantile } from '../live/measure.js';
import { type LoadResult, runLoad } from './load.js';
import { OrderPool } from './order-pool.js';
import type { Progress } from './progress.js';
import type { Settings, UnaryResult } from './report.js';
import {
  LIST_SIZE,
  OPERATIONS,
  type Operation,
  type OrderRef,
  type Style,
  type StyleClient,
} from './scenario.js';
import type { Target } from './target.js';
import type { WireTap } from './wire-tap.js';

/** What measuring one style needs. */
export interface StyleRun {
  style: Style;
  client: StyleClient;
  /** A client of another connection that makes the payment runs' orders. */
  helper: StyleClient;
  target: Target;
  tap: WireTap;
  /** The port this style's sockets connect to. */
  port: number;
  settings: Settings;
  items: number;
  progress: Progress;
}

/**
 * Measures every operation of one style in turn: warm-up, then the latency run at
 * `concurrency` (latency, bytes per call from the socket deltas, payload), then the throughput
 * run at `saturation` (calls/s, server CPU per call).
 */
export async function measureStyle(run: StyleRun): Promise<UnaryResult[]> {
  const { style, client, settings } = run;
  const tag = `${style.name}-${Date.now().toString(36)}`;
  let sequence = 0;
  // One order per worker for get and update, each updated only by its worker.
  const orders: OrderRef[] = [];
  for (let i = 0; i < settings.saturation; i++)
    orders.push(await client.createOrder(`${tag}-w${i}`));
  const pool = new OrderPool(run.helper, `${tag}-pool`);
  const calls: Record<Operation, (worker: number) => Promise<unknown>> = {
    create: () => client.createOrder(`${tag}-${++sequence}`),
    get: (w) => client.getOrder(orders[w]?.id ?? ''),
    list: async () => {
      const count = await client.listOrders();
      if (count !== LIST_SIZE) throw new Error(`${style.name} list returned ${count}`);
    },
    update: async (w) => {
      const order = orders[w];
      if (order) orders[w] = await client.replaceOrder(order);
    },
    pay: async () => {
      const status = await client.pay(pool.take());
      if (status !== 'succeeded') throw new Error(`${style.name} payment ended ${status}`);
    },
  };
  const results: UnaryResult[] = [];
  let createRate = 100;
  for (const operation of OPERATIONS) {
    const label = `${style.name} ${operation} (${run.items} items)`;
    const load = (concurrency: number, seconds: number) =>
      runLoad(concurrency, seconds * 1000, calls[operation]);
    if (operation === 'pay') {
      run.progress.step(`${label}: preparing orders`);
      await pool.fill(Math.ceil(createRate * settings.warmupS) + settings.saturation);
    }
    run.progress.step(`${label}: warm-up`);
    const warm = await load(settings.concurrency, settings.warmupS);
    if (operation === 'pay') {
      // Payments are slower than creates: size the pool from the warm-up's rate.
      const rate = warm.latencies.length / (warm.elapsedMs / 1000);
      await pool.fill(Math.ceil(rate * 2 * settings.durationS * 1.5) + 2 * settings.saturation);
    }
    run.progress.step(`${label}: ${settings.concurrency} in flight`);
    const wire = run.tap.bytes(run.port);
    const payload = { ...client.payload };
    const fixed = check(label, await load(settings.concurrency, settings.durationS));
    const wireAfter = run.tap.bytes(run.port);
    const payloadAfter = { ...client.payload };
    const n = fixed.latencies.length + fixed.errors;
    run.progress.step(`${label}: ${settings.saturation} in flight`);
    const cpu = run.target.cpuMicros();
    const saturated = check(label, await load(settings.saturation, settings.durationS));
    const cpuAfter = run.target.cpuMicros();
    const satCalls = saturated.latencies.length;
    const throughput = satCalls / (saturated.elapsedMs / 1000);
    if (operation === 'create') createRate = throughput;
    results.push({
      style: style.name,
      operation,
      items: run.items,
      calls: fixed.latencies.length,
      errors: fixed.errors + saturated.errors,
      requestBytes: (wireAfter.written - wire.written) / n,
      responseBytes: (wireAfter.read - wire.read) / n,
      payloadBytes:
        (payloadAfter.sent - payload.sent + payloadAfter.received - payload.received) / n,
      p50Ms: quantile(fixed.latencies, 0.5),
      p95Ms: quantile(fixed.latencies, 0.95),
      p99Ms: quantile(fixed.latencies, 0.99),
      callsPerSecond: fixed.latencies.length / (fixed.elapsedMs / 1000),
      throughput,
      cpuMicrosPerCall:
        cpu === undefined || cpuAfter === undefined ? Number.NaN : (cpuAfter - cpu) / satCalls,
    });
  }
  return results;
}

/** A run where every call failed measures nothing: stop with the first error. */
function check(label: string, result: LoadResult): LoadResult {
  if (result.latencies.length === 0) {
    throw new Error(`${label}: no call succeeded`, { cause: result.firstError });
  }
  return result;
}
