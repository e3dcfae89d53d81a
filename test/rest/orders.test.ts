import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRestFixture, orderBody, type RestFixture } from './rest-fixture.js';

describe('REST orders over a real server', () => {
  let api: RestFixture;
  beforeAll(async () => {
    api = await openRestFixture({ MAX_BODY_BYTES: '2048' });
  });
  afterAll(() => api?.[Symbol.asyncDispose]());

  const create = async () => (await api.call('POST', '/api/v1/orders', { body: orderBody })).body;

  it('creates with 201, Location, ETag; replays with Idempotent-Replayed; 422 on a different body', async () => {
    const headers = { 'Idempotency-Key': `k-${Math.random()}` };
    const first = await api.call('POST', '/api/v1/orders', { body: orderBody, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/orders/${first.body.id}`);
    expect(first.headers.get('etag')).toBe('"v1"');
    expect(first.body).toMatchObject({ customer_id: 'cus_alice', amount: 2500, status: 'pending' });
    const again = await api.call('POST', '/api/v1/orders', { body: orderBody, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.text).toBe(first.text);
    const reused = await api.call('POST', '/api/v1/orders', {
      body: { ...orderBody, currency: 'USD' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('answers 400 with snake_case field details, 415, 413 and unparsable JSON', async () => {
    const invalid = await api.call('POST', '/api/v1/orders', {
      body: { items: [{ sku: 'a', quantity: 1, unit_price: -1 }], currency: 'EUR' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(invalid.body.errors).toEqual([
      { field: 'items[0].unit_price', description: expect.any(String) },
    ]);
    const garbled = await api.call('POST', '/api/v1/orders', { body: '{"items": [' });
    expect(garbled.status).toBe(400);
    const text = await api.call('POST', '/api/v1/orders', {
      body: 'items=1',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await api.call('POST', '/api/v1/orders', {
      body: { ...orderBody, padding: 'x'.repeat(4096) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('invalid_argument');
  });

  it('serves conditional requests: 304 on If-None-Match, 412 stale If-Match, 428 without', async () => {
    const order = await create();
    const path = `/api/v1/orders/${order.id}`;
    const read = await api.call('GET', path);
    expect(read.headers.get('cache-control')).toBe('private, no-cache');
    const etag = read.headers.get('etag') ?? '';
    const notModified = await api.call('GET', path, { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    const body = { items: [{ sku: 'sku-mug', quantity: 1, unit_price: 900 }], currency: 'EUR' };
    const missing = await api.call('PUT', path, { body });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('invalid_argument');
    const updated = await api.call('PUT', path, { body, headers: { 'If-Match': etag } });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"v2"');
    const stale = await api.call('PUT', path, { body, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'version_mismatch', current_version: 2 });
    const changed = await api.call('GET', path, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
  });

  it('locks with ?lock=true: 409 for others, the token writes and releases, DELETE unlocks with 204', async () => {
    const order = await create();
    const path = `/api/v1/orders/${order.id}`;
    const lock = await api.call('POST', `${path}?lock=true&ttl_seconds=30`);
    expect(lock.status).toBe(200);
    expect(lock.body).toMatchObject({ order_id: order.id, token: expect.any(String) });
    const second = await api.call('POST', `${path}?lock=true`);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('locked');
    const blocked = await api.call('PUT', path, {
      body: orderBody,
      headers: { 'If-Match': '"v1"' },
    });
    expect(blocked.status).toBe(409);
    const token = String(lock.body.token);
    const written = await api.call('PUT', path, {
      body: orderBody,
      headers: { 'If-Match': '"v1"', 'X-Lock-Token': token },
    });
    expect(written.status).toBe(200);
    const relock = await api.call('POST', `${path}?lock=true`);
    const unlock = await api.call('DELETE', `${path}/lock`, {
      headers: { 'X-Lock-Token': String(relock.body.token) },
    });
    expect(unlock.status).toBe(204);
    const noLock = await api.call('POST', path);
    expect(noLock.status).toBe(400);
  });

  it('answers 401, 403, 404, 409 and admin-only fulfilment', async () => {
    const order = await create();
    const path = `/api/v1/orders/${order.id}`;
    const anonymous = await api.call('GET', path, { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthenticated');
    expect((await api.call('GET', path, { key: 'sk_test_bob' })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/orders/ord_00000000000000000000')).status).toBe(404);
    expect((await api.call('POST', `${path}/fulfillments`)).status).toBe(403);
    expect((await api.call('POST', `${path}/fulfillments`, { key: 'sk_test_admin' })).status).toBe(
      409,
    );
    expect((await api.call('DELETE', path)).body.status).toBe('cancelled');
    const again = await api.call('DELETE', path);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_state', current_state: 'cancelled' });
  });

  it('pages with cursors and Link rel="next", and with page/limit', async () => {
    for (let i = 0; i < 3; i++) await create();
    const first = await api.call('GET', '/api/v1/orders?limit=2&status=pending');
    expect(first.body.data).toHaveLength(2);
    const link = first.headers.get('link') ?? '';
    expect(link).toMatch(/^<\/api\/v1\/orders\?.*cursor=.*>; rel="next"$/);
    const next = await api.call('GET', link.slice(1, link.indexOf('>')));
    expect(next.status).toBe(200);
    const page2 = await api.call('GET', '/api/v1/orders?page=2&limit=1');
    expect(page2.body).toMatchObject({ page: 2, limit: 1 });
    expect(page2.headers.get('link')).toContain('page=3');
    expect((await api.call('GET', '/api/v1/orders?limit=abc')).status).toBe(400);
  });
});
