import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommerceError, createContext } from '@commerce/core';
import { openSqliteStore } from '@commerce/store-sqlite';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { type StartOptions, startServer } from './server.js';

const admin = createContext({ principal: { id: 'admin', role: 'admin', customerId: null } });
const items = [{ sku: 'sku-book', quantity: 2, unitPrice: 1250 }];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on a free port over a fresh temp DATA_DIR; closed and deleted after the test. */
async function start(env: Record<string, string> = {}, options: StartOptions = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'commerce-server-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    PORT: '0',
    GRPC_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config, { logger: createLogger('silent'), ...options });
  cleanups.push(() => server.close());
  return { server, dataDir };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

/** A test-only route mounted through the adapters' seam: signals when entered, answers after `ms`. */
function slowRoute(ms: number) {
  let entered: () => void = () => {};
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const app = new Hono().get('/slow', async (c) => {
    entered();
    await sleep(ms);
    return c.json({ done: true });
  });
  return { inside, mounts: () => [{ path: '/test', app }] };
}

describe('startServer', () => {
  it('listens on a free port for PORT=0 and answers liveness and readiness', async () => {
    const { server } = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('answers an unknown path with a problem echoing the request id', async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/no/such/thing`, {
      headers: { 'X-Request-Id': 'req-from-client-1' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('req-from-client-1');
    expect(await response.json()).toMatchObject({
      status: 404,
      code: 'not_found',
      request_id: 'req-from-client-1',
    });
  });

  it('exposes the request metrics, the job and event gauges and the process metrics', async () => {
    const { server } = await start({ PAYMENT_SLOW_SECONDS: '60', SHUTDOWN_DRAIN_MS: '100' });
    const { value: order } = await server.commerce.orders.create(admin, {
      customerId: 'cus_alice',
      items,
      currency: 'EUR',
    });
    await server.commerce.payments.create(admin, {
      orderId: order.id,
      paymentMethod: 'pm_card_slow',
    });
    await eventually(async () =>
      (await (await fetch(`${server.url}/metrics`)).text()).includes(
        'commerce_jobs{state="running"} 1',
      ),
    );

    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE commerce_requests_total counter');
    expect(text).toContain('# TYPE commerce_request_duration_seconds histogram');
    expect(text).toContain('commerce_jobs{state="queued"} 0');
    expect(text).toContain('commerce_jobs{state="running"} 1');
    expect(text).toContain('commerce_jobs{state="dead"} 0');
    expect(text).toContain('commerce_event_log_head_sequence 2'); // order.created, payment.processing
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).not.toMatch(
      /commerce_requests_total\{[^}]*operation="[^"]*(healthz|readyz|metrics)/,
    );
  });

  it('seeds the demo keys unless told not to', async () => {
    const { server } = await start();
    await expect(server.commerce.auth.authenticate('sk_test_admin')).resolves.toMatchObject({
      role: 'admin',
    });
    await expect(server.commerce.auth.authenticate('sk_test_alice')).resolves.toMatchObject({
      customerId: 'cus_alice',
    });
    await expect(server.commerce.auth.authenticate('sk_test_bob')).resolves.toMatchObject({
      customerId: 'cus_bob',
    });

    const { server: bare } = await start({ SEED_DEMO_KEYS: 'false' });
    const refused = await bare.commerce.auth
      .authenticate('sk_test_admin')
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CommerceError);
    expect((refused as CommerceError).code).toBe('unauthenticated');
  });

  it('fails to start, cleanly, when the port is taken', async () => {
    const { server } = await start();
    const dataDir = mkdtempSync(join(tmpdir(), 'commerce-server-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({
      PORT: String(server.port),
      GRPC_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    });
    await expect(startServer(config, { logger: createLogger('silent') })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});

describe('graceful shutdown', () => {
  it('stops being ready, lets a request in flight finish, then refuses connections', async () => {
    const slow = slowRoute(300);
    const { server } = await start({ SHUTDOWN_DRAIN_MS: '5000' }, { mounts: slow.mounts });
    const pending = fetch(`${server.url}/test/slow`);
    await slow.inside;

    const closing = server.close();
    const readiness = await server.app.request('/readyz');
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });

    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    expect(response.headers.get('connection')).toBe('close');
    await closing;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('cuts requests still running when the drain budget is spent', async () => {
    const slow = slowRoute(30_000);
    const { server } = await start({ SHUTDOWN_DRAIN_MS: '200' }, { mounts: slow.mounts });
    const pending = fetch(`${server.url}/test/slow`).then(
      (r) => r.status,
      (error: unknown) => error,
    );
    await slow.inside;
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('hands a job leased at shutdown back to the queue without counting the attempt', async () => {
    const { server, dataDir } = await start({
      PAYMENT_SLOW_SECONDS: '60',
      SHUTDOWN_DRAIN_MS: '200',
    });
    const { value: order } = await server.commerce.orders.create(admin, {
      customerId: 'cus_alice',
      items,
      currency: 'EUR',
    });
    const { value: payment } = await server.commerce.payments.create(admin, {
      orderId: order.id,
      paymentMethod: 'pm_card_slow',
    });
    await eventually(
      async () => (await server.commerce.payments.progress(admin, payment.id)).status === 'running',
    );
    expect(await server.commerce.payments.progress(admin, payment.id)).toMatchObject({
      attempts: 1,
    });

    await server.close();

    const store = await openSqliteStore({ path: join(dataDir, 'commerce.db') });
    try {
      expect(await store.jobs.get(payment.jobId)).toMatchObject({
        status: 'queued',
        attempts: 0,
        leaseOwner: null,
      });
      expect(await store.payments.get(payment.id)).toMatchObject({ status: 'processing' });
    } finally {
      await store.close();
    }
  });

  it('is idempotent', async () => {
    const { server } = await start();
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });
});
