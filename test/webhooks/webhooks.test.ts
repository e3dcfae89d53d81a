import { verifyWebhook } from '@commerce/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRestFixture, orderBody, type RestFixture } from '../rest/rest-fixture.js';
import { eventually } from '../support/harness.js';
import { deadUrl, type Receiver, startReceiver } from './receiver.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;

describe('webhooks over a real server and real receivers', () => {
  let api: RestFixture;
  beforeAll(async () => {
    api = await openRestFixture({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_MAX_ATTEMPTS: '6',
      WEBHOOK_DISABLE_AFTER_FAILURES: '4',
      WEBHOOK_TIMEOUT_MS: '5000',
    });
  });
  afterAll(() => api?.[Symbol.asyncDispose]());

  const subscribe = async (url: string, key = 'sk_test_alice') => {
    const created = await api.call('POST', '/api/v1/webhook-endpoints', {
      key,
      body: { url, event_types: ['order.created'] },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string; version: number };
  };
  const createOrder = (key = 'sk_test_alice', headers: Record<string, string> = {}) =>
    api.call('POST', '/api/v1/orders', { key, body: orderBody, headers });
  const deliveries = async (endpointId: string, key = 'sk_test_alice') =>
    (await api.call('GET', `/api/v1/webhook-endpoints/${endpointId}/deliveries`, { key })).body
      .data as Record<string, unknown>[];
  const remove = (id: string, key = 'sk_test_alice') =>
    api.call('DELETE', `/api/v1/webhook-endpoints/${id}`, { key });
  const arrived = (receiver: Receiver, count: number) =>
    eventually(async () => (receiver.received.length >= count ? true : undefined), 15_000);

  it('retries a failing receiver until it accepts: one delivery, one webhook-id, a valid signature', async () => {
    await using receiver = await startReceiver((n) => (n <= 3 ? 500 : 204));
    const endpoint = await subscribe(receiver.url);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const order = await createOrder('sk_test_alice', { traceparent: TRACEPARENT });
    await arrived(receiver, 4);

    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const last = receiver.received[3];
    if (!last) throw new Error('no fourth attempt');
    const payload = verifyWebhook(endpoint.secret, last.headers, last.body) as {
      type: string;
      data: { order_id: string; traceparent: string };
    };
    expect(payload).toMatchObject({ type: 'order.created', data: { order_id: order.body.id } });
    // The delivery carries the trace of the request that created the order.
    expect(last.headers.traceparent).toBe(payload.data.traceparent);
    expect(last.headers.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));

    const log = await eventually(async () => {
      const [delivery] = await deliveries(endpoint.id);
      return delivery?.status === 'succeeded' ? delivery : undefined;
    });
    expect(log).toMatchObject({
      id: last.headers['webhook-id'],
      attempts: 4,
      last_status_code: 204,
    });
    const attempts = log.attempt_log as { status_code: number; latency_ms: number }[];
    expect(attempts.map((a) => a.status_code)).toEqual([500, 500, 500, 204]);
    for (const attempt of attempts) expect(attempt.latency_ms).toBeGreaterThanOrEqual(0);

    // A tampered body, or the same delivery replayed ten minutes later, does not verify.
    const tampered = last.body.replace(String(order.body.id), 'ord_forged');
    expect(() => verifyWebhook(endpoint.secret, last.headers, tampered)).toThrow();
    const later = Date.now() + 600_000;
    expect(() => verifyWebhook(endpoint.secret, last.headers, last.body, { now: later })).toThrow(
      /tolerance/,
    );

    // Redelivery sends it again under the same webhook-id.
    const redelivered = await api.call(
      'POST',
      `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${log.id}/redeliver`,
    );
    expect(redelivered.status).toBe(202);
    expect(redelivered.body.status).toBe('pending');
    await arrived(receiver, 5);
    expect(receiver.received[4]?.headers['webhook-id']).toBe(log.id);
    expect((await remove(endpoint.id)).status).toBe(204);
  });

  it('disables an endpoint whose receiver is dead, logging every attempt', async () => {
    const endpoint = await subscribe(await deadUrl());
    await createOrder();
    const disabled = await eventually(async () => {
      const current = await api.call('GET', `/api/v1/webhook-endpoints/${endpoint.id}`);
      return current.body.enabled === false ? current.body : undefined;
    }, 15_000);
    expect(disabled).toMatchObject({ consecutive_failures: 4 });
    expect(disabled.disabled_reason).toMatch(/4 failed attempts/);
    const [delivery, ...others] = await eventually(async () => {
      const all = await deliveries(endpoint.id);
      return all[0]?.status === 'failed' ? all : undefined;
    });
    expect(others).toEqual([]);
    const attempts = delivery?.attempt_log as { status_code: null; error: string }[];
    expect(attempts).toHaveLength(4);
    for (const attempt of attempts) {
      expect(attempt.status_code).toBeNull();
      expect(attempt.error).toMatch(/ECONNREFUSED/);
    }

    const reenabled = await api.call('PATCH', `/api/v1/webhook-endpoints/${endpoint.id}`, {
      headers: { 'If-Match': `"v${disabled.version}"` },
      body: { enabled: true },
    });
    expect(reenabled.body).toMatchObject({ enabled: true, consecutive_failures: 0 });
    const stale = await api.call('PATCH', `/api/v1/webhook-endpoints/${endpoint.id}`, {
      headers: { 'If-Match': `"v${disabled.version}"` },
      body: { enabled: false },
    });
    expect(stale.status).toBe(412);
    expect((await remove(endpoint.id)).status).toBe(204);
  });

  it('signs with both secrets during a rotation overlap, and with the new one only after it', async () => {
    await using receiver = await startReceiver();
    const endpoint = await subscribe(receiver.url);
    const rotate = (overlap: number) =>
      api.call('POST', `/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
        body: { overlap_seconds: overlap },
      });
    const second = (await rotate(3600)).body.secret as string;
    await createOrder();
    await arrived(receiver, 1);
    const [during] = receiver.received;
    if (!during) throw new Error('nothing received');
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, second]) {
      expect(verifyWebhook(secret, during.headers, during.body)).toBeTruthy();
    }

    const third = (await rotate(0)).body.secret as string;
    await createOrder();
    await arrived(receiver, 2);
    const after = receiver.received[1];
    if (!after) throw new Error('nothing received');
    expect(verifyWebhook(third, after.headers, after.body)).toBeTruthy();
    for (const secret of [endpoint.secret, second]) {
      expect(() => verifyWebhook(secret, after.headers, after.body)).toThrow();
    }
    expect((await remove(endpoint.id)).status).toBe(204);
  });

  it("never sends a customer another customer's events; an admin endpoint gets everyone's", async () => {
    await using bobs = await startReceiver();
    await using admins = await startReceiver();
    const bob = await subscribe(bobs.url, 'sk_test_bob');
    const admin = await subscribe(admins.url, 'sk_test_admin');
    const alicesOrder = await createOrder('sk_test_alice');
    const bobsOrder = await createOrder('sk_test_bob');
    await arrived(admins, 2);
    await arrived(bobs, 1);
    const orderIds = (received: { body: string }[]) =>
      received.map((r) => (JSON.parse(r.body) as { data: { order_id: string } }).data.order_id);
    expect(orderIds(admins.received).sort()).toEqual(
      [alicesOrder.body.id, bobsOrder.body.id].sort(),
    );
    expect(orderIds(bobs.received)).toEqual([bobsOrder.body.id]);
    expect(await deliveries(bob.id, 'sk_test_bob')).toHaveLength(1);

    const listed = await api.call('GET', '/api/v1/webhook-endpoints', { key: 'sk_test_bob' });
    expect((listed.body.data as { id: string }[]).map((e) => e.id)).toEqual([bob.id]);
    const peek = await api.call('GET', `/api/v1/webhook-endpoints/${admin.id}`, {
      key: 'sk_test_bob',
    });
    expect(peek.status).toBe(403);
    expect((await remove(bob.id, 'sk_test_alice')).status).toBe(403);
    expect((await remove(bob.id, 'sk_test_bob')).status).toBe(204);
    expect((await remove(admin.id, 'sk_test_admin')).status).toBe(204);
  });
});

describe('webhook targets without WEBHOOK_ALLOW_PRIVATE_TARGETS', () => {
  it('refuses a loopback URL with 400 naming the url field', async () => {
    await using api = await openRestFixture();
    const refused = await api.call('POST', '/api/v1/webhook-endpoints', {
      body: { url: 'http://127.0.0.1:9/hooks', event_types: ['order.created'] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'invalid_argument', errors: [{ field: 'url' }] });
  });
});
