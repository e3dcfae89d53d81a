import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRestFixture, orderBody, type RestFixture } from './rest-fixture.js';

describe('REST rate limits and CORS over a real server', () => {
  let api: RestFixture;
  beforeAll(async () => {
    api = await openRestFixture({
      RATE_LIMIT_CUSTOMER_CAPACITY: '5',
      RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '0.01',
      CORS_ORIGINS: 'https://shop.example.com',
    });
  });
  afterAll(() => api?.[Symbol.asyncDispose]());

  it('sends both header families, lets a 304 cost nothing, then answers 429 with Retry-After', async () => {
    const created = await api.call('POST', '/api/v1/orders', {
      key: 'sk_test_bob',
      body: orderBody,
    });
    expect(created.headers.get('x-ratelimit-limit')).toBe('5');
    expect(created.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(created.headers.get('ratelimit-policy')).toMatch(/^"api-key";q=5;w=\d+$/);
    expect(created.headers.get('ratelimit')).toMatch(/^"api-key";r=4;t=\d+$/);
    const path = `/api/v1/orders/${created.body.id}`;
    const etag = created.headers.get('etag') ?? '';
    for (let i = 0; i < 3; i++) {
      const cached = await api.call('GET', path, {
        key: 'sk_test_bob',
        headers: { 'If-None-Match': etag },
      });
      expect(cached.status).toBe(304);
      expect(cached.headers.get('x-ratelimit-remaining')).toBe('4');
    }
    for (let i = 3; i >= 0; i--) {
      const read = await api.call('GET', path, { key: 'sk_test_bob' });
      expect(read.headers.get('x-ratelimit-remaining')).toBe(String(i));
    }
    const limited = await api.call('GET', path, { key: 'sk_test_bob' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit')).toMatch(/r=0/);
  });

  it('grants an allowed origin (never *), answers preflight with max-age, ignores others', async () => {
    const allowed = await api.call('GET', '/api/v1/orders', {
      key: 'sk_test_admin',
      headers: { Origin: 'https://shop.example.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    const preflight = await api.call('OPTIONS', '/api/v1/orders/ord_x', {
      key: null,
      headers: {
        Origin: 'https://shop.example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, if-match, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-Match');
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    for (const method of ['GET', 'OPTIONS']) {
      const other = await api.call(method, '/api/v1/orders', {
        key: 'sk_test_admin',
        headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'GET' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});
