import { type Commerce, CommerceError, ERROR_CODES } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { createRestApp } from './app.js';
import { ERROR_TABLE } from './http/error-table.js';
import { wireFieldPath } from './http/field-names.js';

const decision = { allowed: true, limit: 10, remaining: 9, resetSeconds: 1, retryAfterSeconds: 0 };

/** Just the core surface these requests reach: auth, and one order operation that fails. */
function stubCommerce(failWith: CommerceError): Commerce {
  return {
    settings: { rateLimits: { customer: { capacity: 10, refillPerSecond: 1 } } },
    auth: {
      authenticate: async (key: string | undefined) => {
        if (key !== 'good') throw new CommerceError('unauthenticated', 'no');
        return { id: 'key_1', role: 'customer', customerId: 'cus_1' };
      },
      consumeRateLimit: async () => decision,
      peekRateLimit: async () => decision,
    },
    orders: {
      get: async () => {
        throw failWith;
      },
    },
  } as unknown as Commerce;
}

const auth = { Authorization: 'Bearer good' };

describe('the REST app', () => {
  it('maps every core error code to a status in one table', () => {
    expect(Object.keys(ERROR_TABLE).sort()).toEqual([...ERROR_CODES].sort());
    expect(ERROR_TABLE.locked.status).toBe(409);
    expect(ERROR_TABLE.version_mismatch.status).toBe(412);
    expect(ERROR_TABLE.idempotency_key_reused.status).toBe(422);
  });

  it('names fields as the client sent them', () => {
    expect(wireFieldPath('items[0].unitPrice')).toBe('items[0].unit_price');
    expect(wireFieldPath('customerId')).toBe('customer_id');
    expect(wireFieldPath('expectedVersion')).toBe('If-Match');
    expect(wireFieldPath('lockToken')).toBe('X-Lock-Token');
  });

  it('writes problem+json with the request id and hides internal messages', async () => {
    const app = createRestApp({
      commerce: stubCommerce(new CommerceError('internal', 'SELECT *')),
    });
    const res = await app.request('/api/v1/orders/ord_1', {
      headers: { ...auth, 'X-Request-Id': 'abc' },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('abc');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'internal', request_id: 'abc', detail: 'internal error' });
  });

  it('answers 401 with WWW-Authenticate and a problem for a missing key', async () => {
    const app = createRestApp({ commerce: stubCommerce(new CommerceError('not_found', 'x')) });
    const res = await app.request('/api/v1/orders/ord_1');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="commerce"');
  });

  it('refuses a PUT without If-Match (428) and a non-JSON body (415) before the core', async () => {
    const app = createRestApp({ commerce: stubCommerce(new CommerceError('internal', 'x')) });
    const put = await app.request('/api/v1/orders/ord_1', {
      method: 'PUT',
      headers: auth,
      body: '{}',
    });
    expect(put.status).toBe(428);
    const post = await app.request('/api/v1/orders', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(post.status).toBe(415);
  });
});
