import { CommerceError, type Store } from '@commerce/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHttpApp, type HttpMount, type Readiness } from './http-app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

/** A logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** Just what the scrape-time gauges read. */
function fakeStore(
  overrides: Partial<{ counts: () => Promise<unknown>; head: () => Promise<number> }> = {},
): Store {
  return {
    jobs: { counts: overrides.counts ?? (async () => ({ queued: 2, running: 1, dead: 0 })) },
    events: { head: overrides.head ?? (async () => 42) },
  } as unknown as Store;
}

function api(): Hono {
  const app = new Hono();
  app.get('/things/:id', (c) =>
    c.req.param('id') === 'missing'
      ? c.body(JSON.stringify({ code: 'not_found' }), 404, {
          'Content-Type': 'application/problem+json',
        })
      : c.json({ id: c.req.param('id') }),
  );
  app.post('/things', () => {
    throw new CommerceError('internal', 'SELECT * FROM secrets failed');
  });
  app.get('/boom', () => {
    throw new Error('disk on fire at /var/lib/secret');
  });
  return app;
}

function build(
  options: { mounts?: HttpMount[]; readiness?: () => Promise<Readiness>; store?: Store } = {},
) {
  const { logger, lines } = capturingLogger();
  const metrics = createMetrics({ store: options.store ?? fakeStore(), logger });
  const app = createHttpApp({
    logger,
    metrics,
    readiness: options.readiness ?? (async () => ({ ready: true })),
    mounts: options.mounts ?? [{ path: '/api', app: api() }],
  });
  return { app, metrics, lines };
}

describe('the HTTP app', () => {
  it('answers liveness and readiness', async () => {
    let state: Readiness = { ready: true };
    const { app } = build({ readiness: async () => state });
    const live = await app.request('/healthz');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect((await app.request('/readyz')).status).toBe(200);
    state = { ready: false, reason: 'shutting down' };
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    expect(notReady.headers.get('cache-control')).toBe('no-store');
  });

  it('answers unknown paths with a problem carrying the caller’s request id', async () => {
    const { app } = build();
    const response = await app.request('/nope?x=1', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(await response.json()).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'not_found',
      request_id: 'abc-123',
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('replaces a malformed request id and continues the caller’s trace', async () => {
    const { app, lines } = build();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await app.request('/nope', {
      headers: {
        'X-Request-Id': 'bad id with spaces',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    });
    const body = (await response.json()) as { request_id: string; trace_id: string };
    expect(body.request_id).toMatch(/^req_[0-9a-f]{24}$/);
    expect(body.trace_id).toBe(traceId);
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
    expect(lines.at(-1)).toMatchObject({ request_id: body.request_id, trace_id: traceId });
  });

  it('never leaks an unexpected error, and logs it', async () => {
    const { app, lines } = build();
    const response = await app.request('/api/boom', { headers: { 'X-Request-Id': 'req-boom' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const text = await response.text();
    expect(text).not.toContain('disk on fire');
    expect(text).not.toContain('/var/lib');
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
      request_id: 'req-boom',
      trace_id: expect.any(String),
    });
    const logged = lines.find((line) => line.msg === 'unhandled error');
    expect(logged).toMatchObject({
      level: 'error',
      request_id: 'req-boom',
      err: { message: 'disk on fire at /var/lib/secret' },
    });
    expect((await app.request('/api/things', { method: 'POST' })).status).toBe(500);
  });

  it('logs one line per request with ids, method, path, status and duration', async () => {
    const { app, lines } = build();
    await app.request('/api/things/t1?secret=1', { headers: { 'X-Request-Id': 'req-log' } });
    await app.request('/healthz');
    const [line, probe] = lines.filter((l) => l.msg === 'request');
    expect(line).toMatchObject({
      level: 'info',
      service: 'commerce-server',
      request_id: 'req-log',
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      method: 'GET',
      path: '/api/things/t1',
      status: 200,
      duration_ms: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(probe).toMatchObject({ level: 'debug', path: '/healthz' });
  });

  it('counts API requests by matched route and outcome, but not the ops endpoints', async () => {
    const { app } = build();
    await app.request('/api/things/a');
    await app.request('/api/things/b');
    await app.request('/api/things/missing');
    await app.request('/api/boom');
    await app.request('/api/unknown');
    await app.request('/healthz');
    await app.request('/readyz');
    await app.request('/metrics');
    const text = await (await app.request('/metrics')).text();
    const samples = text.split('\n').filter((l) => l.startsWith('commerce_requests_total{'));
    expect(samples.sort()).toEqual([
      'commerce_requests_total{protocol="rest",operation="GET /api/boom",outcome="internal"} 1',
      'commerce_requests_total{protocol="rest",operation="GET /api/things/:id",outcome="not_found"} 1',
      'commerce_requests_total{protocol="rest",operation="GET /api/things/:id",outcome="ok"} 2',
      'commerce_requests_total{protocol="rest",operation="unmatched",outcome="not_found"} 1',
    ]);
    expect(text).toContain(
      'commerce_request_duration_seconds_count{protocol="rest",operation="GET /api/things/:id"} 3',
    );
  });

  it('leaves mounts that report for themselves out of the HTTP metrics', async () => {
    const graphql = new Hono().all('/', (c) => c.json({ data: null }));
    const { app } = build({ mounts: [{ path: '/graphql', app: graphql, protocol: false }] });
    expect((await app.request('/graphql', { method: 'POST' })).status).toBe(200);
    const text = await (await app.request('/metrics')).text();
    expect(text).not.toContain('commerce_requests_total{');
  });

  it('labels a mount with its own error handler by its route too', async () => {
    const sub = new Hono().get('/items/:id', (c) => c.json({ ok: true }));
    sub.onError((_e, c) => c.json({ error: true }, 500));
    const { app } = build({ mounts: [{ path: '/v2', app: sub }] });
    await app.request('/v2/items/1');
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain(
      'commerce_requests_total{protocol="rest",operation="GET /v2/items/:id",outcome="ok"} 1',
    );
  });

  it('exposes the store gauges and process metrics, and survives a failing store', async () => {
    const { app } = build();
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('commerce_jobs{state="queued"} 2');
    expect(text).toContain('commerce_jobs{state="running"} 1');
    expect(text).toContain('commerce_jobs{state="dead"} 0');
    expect(text).toContain('commerce_event_log_head_sequence 42');
    expect(text).toContain('process_cpu_user_seconds_total');

    const broken = build({
      store: fakeStore({
        counts: () => Promise.reject(new Error('db gone')),
        head: () => Promise.reject(new Error('db gone')),
      }),
    });
    const response = await broken.app.request('/metrics');
    expect(response.status).toBe(200);
    const brokenText = await response.text();
    expect(brokenText).not.toContain('commerce_jobs{');
    expect(brokenText).toContain('commerce_event_log_head_sequence 0');
    expect(broken.lines.some((l) => l.msg === 'metrics: could not read job counts')).toBe(true);
  });
});
