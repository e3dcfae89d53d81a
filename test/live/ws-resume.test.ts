import { createContext, sleep } from '@commerce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { answerTo, connectWs, type Frame, ofType } from './ws-client.js';

type WireEvent = { sequence: number; customer_id: string };

describe('WebSocket: resume from a sequence', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.[Symbol.asyncDispose]());

  it('a client dropped several times while orders are created gets every event once, in order', async () => {
    const { commerce } = t.server;
    const ctxOf = async (key: string) =>
      createContext({ principal: await commerce.auth.authenticate(key) });
    const [alice, bob] = await Promise.all([ctxOf(keys.alice), ctxOf(keys.bob)]);
    const items = [{ sku: 'sku-book', quantity: 1, unitPrice: 500 }];
    const producer = (async () => {
      for (let i = 0; i < 60; i++) {
        await commerce.orders.create(i % 3 === 2 ? bob : alice, { items, currency: 'EUR' });
        await sleep(10);
      }
    })();

    const seen: WireEvent[] = [];
    const eventsOf = (frames: Frame[]) =>
      frames.filter(ofType('event')).map((frame) => frame.event as WireEvent);
    const resume = async () => {
      const client = await connectWs(t.url, keys.alice);
      const after = seen.at(-1)?.sequence ?? 0;
      client.send({ type: 'subscribe', id: 'sub', channel: 'events', after });
      expect(await client.next(answerTo('sub'))).toMatchObject({ type: 'ack', op: 'subscribe' });
      return client;
    };

    for (let drop = 0; drop < 4; drop++) {
      const client = await resume();
      await client.next(() => eventsOf(client.frames).length >= 5);
      client.socket.terminate(); // abrupt: no close handshake, frames in flight are lost
      await client.closed;
      seen.push(...eventsOf(client.frames));
    }

    await producer;
    const expected = await commerce.events.list(alice, { limit: 1000 });
    const last = expected.events.at(-1)?.sequence;
    const client = await resume();
    await client.next((frame) => (frame.event as WireEvent | undefined)?.sequence === last);
    seen.push(...eventsOf(client.frames));
    client.socket.close();

    expect(seen.map((e) => e.sequence)).toEqual(expected.events.map((e) => e.sequence));
    expect(new Set(seen.map((e) => e.customer_id))).toEqual(new Set(['cus_alice']));
    // The same JSON as REST's event log, field for field.
    const rest = await fetch(`${t.url}/api/v1/events?limit=1000`, {
      headers: { authorization: `Bearer ${keys.alice}` },
    });
    expect(seen).toEqual(((await rest.json()) as { events: unknown[] }).events);
  });
});
