import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { answerTo, connectWs, ofType } from './ws-client.js';

describe('WebSocket: authentication, messages and limits', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      WS_AUTH_TIMEOUT_SECONDS: '0.5',
      WS_IDLE_TIMEOUT_SECONDS: '1',
      WS_MAX_MESSAGE_BYTES: '1024',
      WS_PING_INTERVAL_SECONDS: '2',
    });
  });
  afterAll(() => t?.[Symbol.asyncDispose]());

  it('authenticates from the upgrade header: welcome with the principal and the limits', async () => {
    const client = await connectWs(t.url, keys.alice);
    expect(await client.next(ofType('welcome'))).toMatchObject({
      principal: { role: 'customer', customer_id: 'cus_alice' },
      limits: { max_message_bytes: 1024, idle_timeout_seconds: 1 },
    });
    client.socket.close();
  });

  it('closes 4401 for an unknown key, after an error frame saying why', async () => {
    const client = await connectWs(t.url, 'sk_test_nobody');
    expect(await client.closed).toEqual({ code: 4401, reason: 'the API key is not valid' });
    expect(client.frames).toMatchObject([{ type: 'error', code: 'unauthenticated' }]);
  });

  it('authenticates with an auth message; commands before it are refused, the socket stays', async () => {
    const client = await connectWs(t.url);
    client.send({ type: 'subscribe', id: 1, channel: 'events' });
    expect(await client.next(answerTo(1))).toMatchObject({
      type: 'error',
      code: 'unauthenticated',
    });
    client.send({ type: 'auth', id: 2, api_key: keys.bob });
    expect(await client.next(answerTo(2))).toMatchObject({
      type: 'welcome',
      principal: { customer_id: 'cus_bob' },
    });
    client.send({ type: 'subscribe', id: 3, channel: 'events' });
    expect(await client.next(answerTo(3))).toMatchObject({ type: 'ack', subscription: 'sub_1' });
    client.socket.close();

    const wrong = await connectWs(t.url);
    wrong.send({ type: 'auth', api_key: 'sk_test_wrong' });
    expect((await wrong.closed).code).toBe(4401);
  });

  it('closes 4408 without authentication in time, and 4408 when idle without subscriptions', async () => {
    const silent = await connectWs(t.url);
    expect((await silent.closed).code).toBe(4408);
    const idle = await connectWs(t.url, keys.alice);
    expect((await idle.closed).code).toBe(4408);
  });

  it('answers malformed JSON and unknown types with invalid_argument and keeps working', async () => {
    const client = await connectWs(t.url, keys.alice);
    client.send('{not json');
    client.send({ type: 'teleport', id: 'x' });
    client.send({ type: 'subscribe', id: 'y', channel: 'events', after: -1 });
    client.send({ type: 'ping', id: 'alive' });
    await client.next(answerTo('alive'));
    const errors = client.frames.filter(ofType('error'));
    expect(errors).toMatchObject([
      { code: 'invalid_argument', field_violations: [{ field: 'message' }] },
      { code: 'invalid_argument', id: 'x', field_violations: [{ field: 'type' }] },
      { code: 'invalid_argument', id: 'y', field_violations: [{ field: 'after' }] },
    ]);
    for (const error of errors) expect(error.request_id).toMatch(/^req_/);
    client.socket.close();
  });

  it('ends a subscription the core refuses with an error frame naming it', async () => {
    const client = await connectWs(t.url, keys.alice);
    client.send({ type: 'subscribe', id: 'bad', channel: 'events', order_id: 'not-an-order' });
    const ack = await client.next(answerTo('bad'));
    expect(await client.next(ofType('error', ack.subscription))).toMatchObject({
      code: 'invalid_argument',
      field_violations: [{ field: 'orderId' }],
    });
    client.send({ type: 'unsubscribe', id: 'gone', subscription: ack.subscription });
    expect(await client.next(answerTo('gone'))).toMatchObject({ type: 'error', code: 'not_found' });
    client.socket.close();
  });

  it('closes 1008 after repeated invalid messages', async () => {
    const client = await connectWs(t.url, keys.alice);
    for (let i = 0; i < 30; i++) client.send('nonsense');
    expect((await client.closed).code).toBe(1008);
  });

  it('closes 1009 for a message over WS_MAX_MESSAGE_BYTES', async () => {
    const client = await connectWs(t.url, keys.alice);
    client.send({ type: 'ping', id: 'x'.repeat(2_000) });
    expect((await client.closed).code).toBe(1009);
  });

  it('drops a peer that stops answering pings', async () => {
    const client = await connectWs(t.url, keys.alice, { autoPong: false });
    client.send({ type: 'subscribe', id: 's', channel: 'events' }); // not idle: only the heartbeat ends it
    expect((await client.closed).code).toBe(1006);
  });
});
