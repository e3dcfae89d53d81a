import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createOrder, produce, sequenceTo } from './live-support.js';

interface WireBatch {
  events: { sequence: number; customer_id: string; order_id: string }[];
  next_sequence: number;
}

/** One long poll of the event log; `abortAfterMs` drops it mid-wait, as a client that goes away. */
async function longPoll(
  t: TestServer,
  key: string,
  after: number,
  options: { waitSeconds?: number; abortAfterMs?: number } = {},
): Promise<WireBatch | null> {
  const controller = new AbortController();
  const timer =
    options.abortAfterMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(), options.abortAfterMs);
  try {
    const response = await fetch(
      `${t.url}/api/v1/events?after=${after}&wait=${options.waitSeconds ?? 10}`,
      { headers: { Authorization: `Bearer ${key}` }, signal: controller.signal },
    );
    expect(response.status).toBe(200);
    return (await response.json()) as WireBatch;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

describe('long polling on /api/v1/events', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.[Symbol.asyncDispose]());

  it('a client dropped several times while events are produced ends with every event once, in order', async () => {
    let head: number | null = null;
    const producing = produce(t, 40).then((h) => {
      head = h;
    });
    const seen: number[] = [];
    let after = 0;
    let polls = 0;
    while (head === null || after < head) {
      polls += 1;
      // Every third poll goes away after a few ms; the next one asks again from the same cursor.
      const batch = await longPoll(t, keys.admin, after, {
        waitSeconds: 5,
        ...(polls % 3 === 0 ? { abortAfterMs: 3 } : {}),
      });
      if (batch === null) continue;
      seen.push(...batch.events.map((e) => e.sequence));
      after = batch.next_sequence;
    }
    await producing;
    expect(seen).toEqual(sequenceTo(head ?? 0));
  });

  it('waits for the next event and answers as soon as it commits', async () => {
    const head = (await longPoll(t, keys.admin, 0, { waitSeconds: 0 }))?.next_sequence ?? 0;
    const polling = longPoll(t, keys.alice, head, { waitSeconds: 20 });
    const orderId = await createOrder(t, keys.alice);
    const batch = await polling;
    expect(batch?.events.map((e) => e.order_id)).toEqual([orderId]);
  });

  it('a customer’s long poll never returns another customer’s events', async () => {
    const head = (await longPoll(t, keys.admin, 0, { waitSeconds: 0 }))?.next_sequence ?? 0;
    const alice = longPoll(t, keys.alice, head, { waitSeconds: 20 });
    await createOrder(t, keys.bob);
    await createOrder(t, keys.bob);
    const aliceOrder = await createOrder(t, keys.alice);
    const batch = await alice;
    expect(batch?.events.map((e) => [e.customer_id, e.order_id])).toEqual([
      ['cus_alice', aliceOrder],
    ]);
    const all = await longPoll(t, keys.bob, head, { waitSeconds: 0 });
    expect(new Set(all?.events.map((e) => e.customer_id))).toEqual(new Set(['cus_bob']));
  });

  it('answers an empty batch at the cursor when nothing arrives within the wait', async () => {
    const head = (await longPoll(t, keys.admin, 0, { waitSeconds: 0 }))?.next_sequence ?? 0;
    const batch = await longPoll(t, keys.alice, head, { waitSeconds: 0.2 });
    expect(batch).toEqual({ events: [], next_sequence: head });
  });
});
