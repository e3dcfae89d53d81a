import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRestFixture, orderBody, type RestFixture } from './rest-fixture.js';

describe('REST payments and the event log over a real server', () => {
  let api: RestFixture;
  beforeAll(async () => {
    api = await openRestFixture({ PAYMENT_SLOW_SECONDS: '1', LONG_POLL_MAX_SECONDS: '5' });
  });
  afterAll(() => api?.[Symbol.asyncDispose]());

  const order = async () => (await api.call('POST', '/api/v1/orders', { body: orderBody })).body;
  const pay = (orderId: unknown, method: string, headers: Record<string, string> = {}) =>
    api.call('POST', '/api/v1/payments', {
      body: { order_id: orderId, payment_method: method },
      headers,
    });

  it('accepts with 202 + Location, Retry-After while processing, and long-polls to the outcome early', async () => {
    const { id } = await order();
    const accepted = await pay(id, 'pm_card_slow', { 'Idempotency-Key': `pay-${id}` });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location') ?? '';
    expect(location).toBe(`/api/v1/payments/${accepted.body.id}`);
    expect(accepted.body.status).toBe('processing');
    const replay = await pay(id, 'pm_card_slow', { 'Idempotency-Key': `pay-${id}` });
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(location);

    const polled = await api.call('GET', location);
    expect(polled.headers.get('retry-after')).toBe('1');
    const started = Date.now();
    const outcome = await api.call('GET', `${location}?wait=30`);
    expect(outcome.body.status).toBe('succeeded');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(outcome.headers.get('retry-after')).toBeNull();

    const job = await api.call('GET', `${location}/job`);
    expect(job.body).toMatchObject({ status: 'succeeded', percent: 100 });
    const refund = await api.call('POST', `${location}/refunds`, {
      headers: { 'Idempotency-Key': `refund-${id}` },
    });
    expect(refund.body.status).toBe('refunded');
    const refundAgain = await api.call('POST', `${location}/refunds`, {
      headers: { 'Idempotency-Key': `refund-${id}` },
    });
    expect(refundAgain.headers.get('idempotent-replayed')).toBe('true');
  });

  it('cancels a processing payment with 202 and lists payments by order', async () => {
    const { id } = await order();
    const accepted = await pay(id, 'pm_card_slow');
    const cancel = await api.call('POST', `/api/v1/payments/${accepted.body.id}/cancellations`);
    expect(cancel.status).toBe(202);
    expect(cancel.headers.get('location')).toBe(`/api/v1/payments/${accepted.body.id}/job`);
    const outcome = await api.call('GET', `/api/v1/payments/${accepted.body.id}?wait=5`);
    expect(outcome.body).toMatchObject({ status: 'failed', failure_code: 'canceled' });
    const list = await api.call('GET', `/api/v1/payments?order_id=${id}`);
    expect((list.body.data as unknown[]).length).toBe(1);
  });

  it('long-polls the event log and returns as soon as an event is appended', async () => {
    const head = await api.call('GET', '/api/v1/events?limit=1000');
    const after = Number(head.body.next_sequence);
    const started = Date.now();
    const polling = api.call('GET', `/api/v1/events?after=${after}&wait=5`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await order();
    const batch = await polling;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((batch.body.events as { type: string }[])[0]?.type).toBe('order.created');
    expect(batch.headers.get('link')).toContain(`after=${batch.body.next_sequence}`);
    expect((await api.call('GET', '/api/v1/events?wait=-1')).status).toBe(400);
  });

  it('echoes X-Request-Id and continues the caller’s trace in problems', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await api.call('GET', '/api/v1/orders/ord_00000000000000000000', {
      headers: {
        'X-Request-Id': 'my-request-1',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('my-request-1');
    expect(res.body).toMatchObject({ request_id: 'my-request-1', trace_id: traceId });
  });

  it('serves the OpenAPI 3.1 document and the interactive docs', async () => {
    const doc = await api.call('GET', '/openapi.json', { key: null });
    expect(doc.body.openapi).toBe('3.1.0');
    const docs = await api.call('GET', '/docs', { key: null });
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });
});
