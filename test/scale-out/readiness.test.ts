import { createLogger, loadConfig, type RunningServer, startServer } from '@commerce/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseUrl,
  type Isolation,
  isolate,
  redisUrl,
  scaleOutEnv,
  servicesAvailable,
  suiteTitle,
} from './services.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

describe.skipIf(!servicesAvailable)(suiteTitle('readiness in the scale-out mode'), () => {
  let isolation: Isolation;
  let database: TcpProxy;
  let redis: TcpProxy;
  let server: RunningServer;
  beforeAll(async () => {
    isolation = isolate();
    database = await startTcpProxy(databaseUrl ?? '');
    redis = await startTcpProxy(redisUrl ?? '');
    const config = loadConfig({
      ...scaleOutEnv(isolation),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      CONNECT_TIMEOUT_MS: '1000',
      PORT: '0',
      GRPC_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    server = await startServer(config, { logger: createLogger('silent') });
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([database?.close(), redis?.close()]);
    await isolation?.drop();
  });

  const readyz = async () => {
    const response = await fetch(`${server.url}/readyz`);
    return { status: response.status, body: await response.json() };
  };
  const waitFor = (status: number) =>
    expect
      .poll(async () => (await readyz()).status, { timeout: 20_000, interval: 200 })
      .toBe(status);

  it('reports both services, goes unready while one is gone, and recovers when it returns', async () => {
    expect(await readyz()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', redis: 'ok' } },
    });

    await redis.cut();
    await waitFor(503);
    expect((await readyz()).body).toEqual({
      status: 'unavailable',
      reason: 'redis unavailable',
      checks: { database: 'ok', redis: 'unavailable' },
    });
    // Liveness is not readiness: the process is fine, a dependency is not.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Without the shared rate limiter a request fails rather than going through unlimited.
    const refused = await fetch(`${server.url}/api/v1/orders`, {
      headers: { Authorization: 'Bearer sk_test_alice' },
    });
    expect(refused.status).toBe(500);
    await redis.restore();
    await waitFor(200);

    await database.cut();
    await waitFor(503);
    expect((await readyz()).body.checks).toEqual({ database: 'unavailable', redis: 'ok' });
    await database.restore();
    await waitFor(200);
    const order = await fetch(`${server.url}/api/v1/orders`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_alice', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        items: [{ sku: 'sku-back', quantity: 1, unit_price: 100 }],
        currency: 'EUR',
      }),
    });
    expect(order.status).toBe(201);
  }, 90_000);

  it('fails the start at once, naming the service, when Redis is unreachable', async () => {
    await redis.cut();
    try {
      const config = loadConfig({
        ...scaleOutEnv(isolation),
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        CONNECT_TIMEOUT_MS: '1000',
        PORT: '0',
        GRPC_PORT: '0',
      });
      await expect(startServer(config, { logger: createLogger('silent') })).rejects.toThrow(
        /^Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable/,
      );
    } finally {
      await redis.restore();
    }
  });
});
