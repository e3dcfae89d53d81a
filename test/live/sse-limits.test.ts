import { describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer } from '../support/test-server.js';
import { createOrder } from './live-support.js';
import { nextMessage, openSse } from './sse-client.js';

describe('SSE stream limits and lifecycle', () => {
  it('caps open streams per key with a 429 problem and Retry-After; a disconnect frees the slot', async () => {
    await using t = await startTestServer({ STREAMS_MAX_PER_KEY: '2' });
    const held = [
      await openSse(t.url, '/api/v1/events', { key: keys.alice }),
      await openSse(t.url, '/api/v1/events', { key: keys.alice }),
    ];
    expect(held.map((s) => s.response.status)).toEqual([200, 200]);

    const refused = await openSse(t.url, '/api/v1/events', { key: keys.alice });
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.response.json()).toMatchObject({ code: 'rate_limited' });

    // Another key has its own slots.
    const bob = await openSse(t.url, '/api/v1/events', { key: keys.bob });
    expect(bob.response.status).toBe(200);
    bob.disconnect();

    held[0]?.disconnect();
    // The server learns of the disconnect asynchronously; the slot is back soon after.
    await expect
      .poll(
        async () => {
          const next = await openSse(t.url, '/api/v1/events', { key: keys.alice });
          if (next.response.status === 200) next.disconnect();
          else await next.response.text();
          return next.response.status;
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(200);
    held[1]?.disconnect();
  });

  it('ends open streams when the server shuts down, after delivering what was committed', async () => {
    const t = await startTestServer({ SHUTDOWN_DRAIN_MS: '10000' });
    try {
      const sse = await openSse(t.url, '/api/v1/events', { key: keys.alice });
      const orderId = await createOrder(t, keys.alice);
      const message = await nextMessage(sse.frames);
      expect(JSON.parse(message?.data ?? '{}').order_id).toBe(orderId);
      const closing = t.server.close();
      // The stream ends cleanly (no more frames), well within the drain budget.
      expect(await nextMessage(sse.frames)).toBeUndefined();
      await closing;
      expect(t.server.commerce.streams.counts().total).toBe(0);
    } finally {
      await t[Symbol.asyncDispose]();
    }
  });
});
