import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { type Instance, killAll, startInstance } from './instance.js';
import { type Isolation, isolate, scaleOutEnv, servicesAvailable, suiteTitle } from './services.js';

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe.skipIf(!servicesAvailable)(suiteTitle('an instance killed mid-job'), () => {
  let isolation: Isolation | undefined;
  const instances: Instance[] = [];
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    killAll();
    await isolation?.drop();
  });

  it('lets the other instance finish the job, exactly once', async () => {
    isolation = isolate();
    // The slow payment outlasts B's start by far; the short lease lets B take over soon after.
    const env = { ...scaleOutEnv(isolation), PAYMENT_SLOW_SECONDS: '20', JOB_LEASE_MS: '1000' };
    // A alone first, so the job is certainly A's when A dies.
    const a = await startInstance('A', env);
    instances.push(a);
    const order = await a.rest('POST', '/api/v1/orders', {
      body: { items: [{ sku: 'sku-crash', quantity: 1, unit_price: 900 }], currency: 'EUR' },
    });
    const payment = await a.rest('POST', '/api/v1/payments', {
      body: { order_id: order.body.id, payment_method: 'pm_card_slow' },
    });
    const path = `/api/v1/payments/${String(payment.body.id)}`;
    await eventually(async () => {
      const job = await a.rest('GET', `${path}/job`);
      return job.body.status === 'running' && Number(job.body.percent) > 0 ? job : undefined;
    }, 30_000);

    const b = await startInstance('B', env);
    instances.push(b);
    expect((await a.rest('GET', `${path}/job`)).body.status, "still A's job").toBe('running');
    await a.kill();
    instances.splice(instances.indexOf(a), 1);
    expect((await b.rest('GET', path)).body.status).toBe('processing');

    const outcome = await eventually(async () => {
      const answer = await b.rest('GET', `${path}?wait=5`);
      return answer.body.status === 'processing' ? undefined : answer;
    }, 60_000);
    expect(outcome.body.status).toBe('succeeded');
    expect((await b.rest('GET', `/api/v1/orders/${String(order.body.id)}`)).body.status).toBe(
      'paid',
    );
    const log = await b.rest('GET', `/api/v1/events?order_id=${String(order.body.id)}&limit=1000`, {
      key: keys.admin,
    });
    const types = (log.body.events as { type: string }[]).map((event) => event.type);
    expect(types.filter((type) => type === 'payment.succeeded')).toHaveLength(1);
  }, 120_000);
});
