import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DomainEvent } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { admin, alice, as, eventually, openHarness, sampleItems } from '../support/harness.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const workerScript = fileURLToPath(
  new URL('../support/payment-worker-process.ts', import.meta.url),
);

async function orderWithPayment(h: Awaited<ReturnType<typeof openHarness>>, paymentMethod: string) {
  const { value: order } = await h.commerce.orders.create(as(alice), {
    items: sampleItems,
    currency: 'EUR',
  });
  const { value: payment } = await h.commerce.payments.create(as(alice), {
    orderId: order.id,
    paymentMethod: paymentMethod as 'pm_card_visa',
  });
  return { order, payment };
}

const typesOf = (events: DomainEvent[]) => events.map((e) => e.type);

describe('payment jobs', () => {
  it('wakes a running worker when a job is committed, not for events that enqueue none', async () => {
    // A poll interval longer than the test: any lease attempt below was woken.
    await using h = await openHarness({ settings: { jobs: { pollMs: 60_000 } } });
    let leases = 0;
    const { jobs } = h.commerce.store;
    const lease = jobs.lease.bind(jobs);
    jobs.lease = (request) => {
      leases++;
      return lease(request);
    };
    const worker = h.commerce.createWorker();
    worker.start();
    try {
      await eventually(async () => (leases === 1 ? true : undefined));
      for (let i = 0; i < 20; i++) {
        await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(leases).toBe(1);
      const { payment } = await orderWithPayment(h, 'pm_card_visa');
      await eventually(async () => {
        const current = await h.commerce.payments.get(as(alice), payment.id);
        return current.status === 'succeeded' ? current : undefined;
      }, 5_000);
    } finally {
      await worker.stop();
    }
  });

  it('accepts a payment at once in processing, then succeeds and marks the order paid', async () => {
    await using h = await openHarness();
    const { order, payment } = await orderWithPayment(h, 'pm_card_visa');
    expect(payment).toMatchObject({ status: 'processing', amount: order.amount, currency: 'EUR' });
    expect(await h.commerce.createWorker().drain()).toBe(1);
    expect(await h.commerce.payments.get(as(alice), payment.id)).toMatchObject({
      status: 'succeeded',
      version: 2,
    });
    expect(await h.commerce.orders.get(as(alice), order.id)).toMatchObject({
      status: 'paid',
      version: 2,
    });
    const { events } = await h.commerce.events.list(as(alice), { orderId: order.id });
    expect(typesOf(events)).toEqual([
      'order.created',
      'payment.processing',
      'payment.succeeded',
      'order.updated',
    ]);
    expect(await h.commerce.payments.progress(as(alice), payment.id)).toMatchObject({
      status: 'succeeded',
      percent: 100,
    });
  });

  it('fails a declined card with card_declined and leaves the order pending', async () => {
    await using h = await openHarness();
    const { order, payment } = await orderWithPayment(h, 'pm_card_declined');
    await h.commerce.createWorker().drain();
    expect(await h.commerce.payments.get(as(alice), payment.id)).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
    });
    expect((await h.commerce.orders.get(as(alice), order.id)).status).toBe('pending');
  });

  it('retries transient failures with backoff and succeeds on the third attempt', async () => {
    await using h = await openHarness({
      settings: { payments: { retryBaseMs: 40, retryMaxMs: 1_000 } },
    });
    const { payment } = await orderWithPayment(h, 'pm_card_flaky');
    const worker = h.commerce.createWorker();
    worker.start();
    const started = Date.now();
    const done = await eventually(async () => {
      const p = await h.commerce.payments.get(as(alice), payment.id);
      return p.status === 'processing' ? undefined : p;
    });
    await worker.stop();
    expect(done.status).toBe('succeeded');
    // Backoff waits at least half of 40 ms then half of 80 ms between the three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(await h.commerce.payments.progress(as(alice), payment.id)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
    });
  });

  it('dead-letters a job whose retries are exhausted and fails the payment', async () => {
    await using h = await openHarness({ settings: { payments: { maxAttempts: 2 } } });
    const { payment } = await orderWithPayment(h, 'pm_card_flaky');
    const worker = h.commerce.createWorker();
    worker.start();
    await eventually(async () =>
      (await h.commerce.payments.get(as(alice), payment.id)).status === 'failed' ? true : undefined,
    );
    await worker.stop();
    expect(await h.commerce.payments.get(as(alice), payment.id)).toMatchObject({
      failureCode: 'processor_unavailable',
    });
    expect(await h.commerce.payments.progress(as(alice), payment.id)).toMatchObject({
      status: 'dead',
      attempts: 2,
    });
    expect(await h.commerce.store.jobs.counts()).toMatchObject({ dead: 1, queued: 0, running: 0 });
  });

  it('cancels a running slow payment: the job stops and the payment fails as canceled', async () => {
    await using h = await openHarness({ settings: { payments: { slowSeconds: 5 } } });
    const { order, payment } = await orderWithPayment(h, 'pm_card_slow');
    const worker = h.commerce.createWorker();
    worker.start();
    await eventually(async () =>
      (await h.commerce.payments.progress(as(alice), payment.id)).percent > 0 ? true : undefined,
    );
    await h.commerce.payments.cancel(as(alice), payment.id);
    const failed = await eventually(async () => {
      const p = await h.commerce.payments.get(as(alice), payment.id);
      return p.status === 'failed' ? p : undefined;
    });
    await worker.stop();
    expect(failed.failureCode).toBe('canceled');
    expect(await h.commerce.payments.progress(as(alice), payment.id)).toMatchObject({
      status: 'cancelled',
    });
    expect((await h.commerce.orders.get(as(alice), order.id)).status).toBe('pending');
  });

  it('finishes, exactly once, a job whose worker process was killed with SIGKILL mid-job', async () => {
    const leaseMs = 1_000;
    await using h = await openHarness({
      settings: { payments: { slowSeconds: 2 }, jobs: { leaseMs } },
    });
    const { order, payment } = await orderWithPayment(h, 'pm_card_slow');

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@commerce/source',
        workerScript,
        h.dbPath,
        '2',
        String(leaseMs),
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const midJob = await eventually(async () => {
      const job = await h.commerce.store.jobs.get(payment.jobId);
      return job && job.status === 'running' && job.progress >= 20 ? job : undefined;
    }, 20_000);
    expect(midJob.leaseOwner).toBe('wrk_doomed');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect((await h.commerce.payments.get(as(alice), payment.id)).status).toBe('processing');

    const worker = h.commerce.createWorker({ workerId: 'wrk_survivor' });
    worker.start();
    const succeeded = await eventually(async () => {
      const p = await h.commerce.payments.get(as(alice), payment.id);
      return p.status === 'succeeded' ? p : undefined;
    }, 20_000);
    await worker.stop();

    expect(succeeded.version).toBe(2);
    expect(await h.commerce.orders.get(as(alice), order.id)).toMatchObject({
      status: 'paid',
      version: 2,
    });
    expect(await h.commerce.payments.progress(as(alice), payment.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    const { events } = await h.commerce.events.list(as(admin), { orderId: order.id });
    expect(typesOf(events)).toEqual([
      'order.created',
      'payment.processing',
      'payment.succeeded',
      'order.updated',
    ]);
  }, 45_000);

  it('hands leased jobs back on graceful stop without counting the attempt', async () => {
    await using h = await openHarness({ settings: { payments: { slowSeconds: 5 } } });
    const { payment } = await orderWithPayment(h, 'pm_card_slow');
    const worker = h.commerce.createWorker();
    worker.start();
    await eventually(async () =>
      (await h.commerce.payments.progress(as(alice), payment.id)).status === 'running'
        ? true
        : undefined,
    );
    await worker.stop(50);
    expect(await h.commerce.payments.progress(as(alice), payment.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
    expect((await h.commerce.payments.get(as(alice), payment.id)).status).toBe('processing');
  });
});

describe('payment long polling', () => {
  it('returns as soon as the payment leaves processing, or as it is when the wait ends', async () => {
    await using h = await openHarness({ settings: { payments: { slowSeconds: 0.3 } } });
    const { payment } = await orderWithPayment(h, 'pm_card_slow');
    const early = await h.commerce.payments.waitForOutcome(as(alice), payment.id, 20);
    expect(early.status).toBe('processing');
    const worker = h.commerce.createWorker();
    worker.start();
    const settled = await h.commerce.payments.waitForOutcome(as(alice), payment.id, 10_000);
    await worker.stop();
    expect(settled.status).toBe('succeeded');
  });
});
