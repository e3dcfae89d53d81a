import { Exhausted, runLoad } from './load.js';
import type { StyleClient } from './scenario.js';

/**
 * Pending orders made ahead of the payment runs: every payment needs a fresh order, and
 * creating it inside the measured call would measure two operations. Filled by a helper client
 * before a run starts, so its calls are outside the run's bytes, latency and CPU.
 */
export class OrderPool {
  private readonly ids: string[] = [];
  private made = 0;

  constructor(
    private readonly helper: StyleClient,
    private readonly prefix: string,
  ) {}

  /** Creates orders until `size` are waiting (32 calls in flight). */
  async fill(size: number): Promise<void> {
    const missing = size - this.ids.length;
    if (missing <= 0) return;
    let started = 0;
    await runLoad(32, Number.POSITIVE_INFINITY, async () => {
      if (started >= missing) throw new Exhausted();
      started += 1;
      const order = await this.helper.createOrder(`${this.prefix}-${++this.made}`);
      this.ids.push(order.id);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** The next pending order; throws Exhausted when none is left, ending that worker's run. */
  take(): string {
    const id = this.ids.shift();
    if (id === undefined) throw new Exhausted();
    return id;
  }
}
