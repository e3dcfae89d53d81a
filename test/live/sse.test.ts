import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { cancelOrder, createOrder, produce, sequenceTo } from './live-support.js';
import { nextMessage, openSse, type SseFrame } from './sse-client.js';

/** Where each reconnect says where it resumes: the header browsers send, or the query forms. */
const resumeBy = [
  (last: string) => ({ path: '/api/v1/events', lastEventId: last }),
  (last: string) => ({ path: `/api/v1/events?last_event_id=${last}` }),
  (last: string) => ({ path: `/api/v1/events?after=${last}` }),
  // The header wins over a stale query (a browser reconnects to the URL it was opened with).
  (last: string) => ({ path: '/api/v1/events?after=0', lastEventId: last }),
];

function expectMessageShape(frame: SseFrame): void {
  const data = JSON.parse(frame.data ?? '');
  expect(data.sequence).toBe(Number(frame.id));
  expect(data.type).toBe(frame.event);
}

describe('SSE on /api/v1/events', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      SSE_HEARTBEAT_SECONDS: '0.2',
      CORS_ORIGINS: 'https://app.example.com',
    });
  });
  afterAll(() => t?.[Symbol.asyncDispose]());

  it('answers with unbuffered SSE headers, a retry hint first and heartbeat comments while idle', async () => {
    const sse = await openSse(t.url, '/api/v1/events?order_id=ord_none', { key: keys.alice });
    const { headers, status } = sse.response;
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(headers.get('x-accel-buffering')).toBe('no');
    expect(headers.get('x-request-id')).toBeTruthy();
    expect(headers.get('x-ratelimit-limit')).toBeTruthy();
    const first = await sse.frames.next();
    expect(first.value).toEqual({ retry: 3_000 });
    const second = await sse.frames.next();
    expect(second.value).toEqual({ comment: 'keep-alive' });
    sse.disconnect();
  });

  it('writes the head whole, so node keeps no header of an open stream', async () => {
    // Node keeps every header set with `setHeader` for the life of the response: ~1.3 KB an
    // idle stream. The middleware's headers must reach the head without it.
    const responses: ServerResponse[] = [];
    const onRequest = (message: unknown) => {
      const { request, response } = message as {
        request: IncomingMessage;
        response: ServerResponse;
      };
      if (request.url?.startsWith('/api/v1/events')) responses.push(response);
    };
    subscribe('http.server.request.start', onRequest);
    try {
      // Same origin, then an allowed cross origin (hono's CORS grant takes another path).
      for (const origin of [undefined, 'https://app.example.com']) {
        const sse = await openSse(t.url, '/api/v1/events', {
          key: keys.alice,
          headers: { 'X-Request-Id': 'sse-head-1', ...(origin ? { Origin: origin } : {}) },
        });
        const { headers } = sse.response;
        expect(headers.get('x-request-id')).toBe('sse-head-1');
        expect(headers.get('ratelimit')).toMatch(/^"api-key";r=\d+;t=\d+$/);
        expect(headers.get('ratelimit-policy')).toBeTruthy();
        expect(headers.get('vary')).toBe('Origin');
        expect(headers.get('access-control-allow-origin')).toBe(origin ?? null);
        const response = responses.at(-1);
        expect(response?.headersSent).toBe(true);
        expect(response?.getHeaderNames()).toEqual([]);
        sse.disconnect();
      }
      expect(responses).toHaveLength(2);
    } finally {
      unsubscribe('http.server.request.start', onRequest);
    }
  });

  it('a client dropped several times while events are produced ends with every event once, in order', async () => {
    const producing = produce(t, 40);
    const seen: number[] = [];
    let last: string | undefined;
    for (let round = 0; round < 6; round++) {
      const resume = last === undefined ? { path: '/api/v1/events' } : resumeBy[round % 4]?.(last);
      const sse = await openSse(t.url, resume?.path ?? '', { key: keys.admin, ...resume });
      expect(sse.response.status).toBe(200);
      for (let i = 0; i < 3 + round * 2; i++) {
        const message = await nextMessage(sse.frames);
        if (!message) break;
        expectMessageShape(message);
        seen.push(Number(message.id));
        last = message.id;
      }
      sse.disconnect();
    }
    const head = await producing;
    const sse = await openSse(t.url, '/api/v1/events', { key: keys.admin, lastEventId: last });
    while ((seen.at(-1) ?? 0) < head) {
      const message = await nextMessage(sse.frames);
      if (!message) break;
      seen.push(Number(message.id));
    }
    sse.disconnect();
    expect(seen).toEqual(sequenceTo(head));
  });

  it('scopes streams to the caller: a customer never receives another customer’s events', async () => {
    const alice = await openSse(t.url, '/api/v1/events', { key: keys.alice });
    const bob = await openSse(t.url, '/api/v1/events', { key: keys.bob });
    const bobOrder = await createOrder(t, keys.bob);
    const aliceOrder = await createOrder(t, keys.alice);
    const customerOf = async (frames: AsyncGenerator<SseFrame>, untilOrder: string) => {
      const customers = new Set<string>();
      for (;;) {
        const data = JSON.parse((await nextMessage(frames))?.data ?? '{}');
        customers.add(data.customer_id);
        if (data.order_id === untilOrder) return customers;
      }
    };
    expect(await customerOf(alice.frames, aliceOrder)).toEqual(new Set(['cus_alice']));
    expect(await customerOf(bob.frames, bobOrder)).toEqual(new Set(['cus_bob']));
    alice.disconnect();
    bob.disconnect();
  });

  it('filters by order and type (with the eventsource client)', async () => {
    const target = await createOrder(t, keys.alice);
    await createOrder(t, keys.alice);
    const authorized = (input: string | URL, init?: { headers?: Record<string, string> }) =>
      fetch(input, {
        ...init,
        headers: { ...init?.headers, Authorization: `Bearer ${keys.alice}` },
      });
    const url = `${t.url}/api/v1/events?order_id=${target}&types=order.cancelled`;
    const source = new EventSource(url, { fetch: authorized as typeof fetch });
    const received = new Promise<MessageEvent>((resolve, reject) => {
      source.addEventListener('order.cancelled', resolve);
      source.addEventListener('order.created', () => reject(new Error('unfiltered event')));
      source.onerror = (error) => reject(error);
    });
    await new Promise((resolve) => {
      source.onopen = resolve;
    });
    await cancelOrder(t, keys.alice, target);
    const event = await received;
    source.close();
    const data = JSON.parse(event.data);
    expect(data).toMatchObject({ type: 'order.cancelled', order_id: target });
    expect(event.lastEventId).toBe(String(data.sequence));
  });

  it('refuses bad input and missing keys with problems before streaming', async () => {
    const bad = await openSse(t.url, '/api/v1/events', { key: keys.alice, lastEventId: 'abc' });
    expect(bad.response.status).toBe(400);
    expect(bad.response.headers.get('content-type')).toBe('application/problem+json');
    expect(await bad.response.json()).toMatchObject({ code: 'invalid_argument' });
    const types = await openSse(t.url, '/api/v1/events?types=nope', { key: keys.alice });
    expect(types.response.status).toBe(400);
    const anonymous = await openSse(t.url, '/api/v1/events', { key: 'sk_unknown' });
    expect(anonymous.response.status).toBe(401);
    await Promise.all([types.response.text(), anonymous.response.text()]);
  });
});
