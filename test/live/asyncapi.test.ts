import { Parser } from '@asyncapi/parser';
import { createContext } from '@commerce/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startReceiver } from '../webhooks/receiver.js';
import { nextMessage, openSse } from './sse-client.js';
import { answerTo, connectWs, type Frame, ofType } from './ws-client.js';

const ITEMS = [{ sku: 'sku-book', quantity: 1, unitPrice: 500 }];

describe('the AsyncAPI document at /asyncapi.json', () => {
  let server: TestServer;
  let document: Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);

  /** Throws unless `value` validates against the payload of the named component message. */
  function conforms(message: string, value: unknown): void {
    const validate = ajv.getSchema(`asyncapi#/components/messages/${message}/payload`);
    if (!validate) throw new Error(`no message ${message} in the document`);
    if (!validate(value)) {
      throw new Error(`${message}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
    }
  }

  const createOrder = async () => {
    const { commerce } = server.server;
    const ctx = createContext({ principal: await commerce.auth.authenticate(keys.alice) });
    return (await commerce.orders.create(ctx, { items: ITEMS, currency: 'EUR' })).value;
  };

  beforeAll(async () => {
    server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    const response = await fetch(`${server.url}/asyncapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Record<string, unknown>;
    ajv.addSchema(document, 'asyncapi');
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('is a valid AsyncAPI 3 document for the standard parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(
      parsed
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(['/api/v1/events', '/api/v1/ws', null]);
  });

  it('describes the SSE data the server really sends', async () => {
    const head = await server.server.commerce.store.events.head();
    const sse = await openSse(server.url, `/api/v1/events?after=${head}`, { key: keys.alice });
    try {
      await createOrder();
      const message = await nextMessage(sse.frames);
      conforms('sseEvent', JSON.parse(message?.data ?? 'null'));
    } finally {
      sse.disconnect();
    }
  });

  it('describes the WebSocket frames both ways', async () => {
    const ws = await connectWs(server.url, keys.alice);
    try {
      conforms('wsWelcomeFrame', await ws.next(ofType('welcome')));
      const head = await server.server.commerce.store.events.head();
      const sent: Frame[] = [
        { type: 'subscribe', id: 's1', channel: 'events', after: head },
        { type: 'ping', id: 'p1' },
        { type: 'payment.watch', id: 'w1', payment_id: 'pay_unknown' },
      ];
      conforms('wsSubscribe', sent[0]);
      conforms('wsPing', sent[1]);
      conforms('wsPaymentWatch', sent[2]);
      for (const message of sent) ws.send(message);
      conforms('wsAckFrame', await ws.next(answerTo('s1')));
      conforms('wsPongFrame', await ws.next(answerTo('p1')));
      conforms('wsErrorFrame', await ws.next(answerTo('w1')));
      await createOrder();
      conforms('wsEventFrame', await ws.next(ofType('event')));
    } finally {
      ws.socket.close();
    }
  });

  it('describes the webhook deliveries the server really sends', async () => {
    await using receiver = await startReceiver();
    const created = await fetch(`${server.url}/api/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, event_types: ['order.created'] }),
    });
    expect(created.status).toBe(201);
    await createOrder();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [delivery] = receiver.received;
    conforms('webhookDelivery', JSON.parse(delivery?.body ?? 'null'));
    const validateHeaders = ajv.getSchema('asyncapi#/components/messages/webhookDelivery/headers');
    expect(validateHeaders?.(delivery?.headers)).toBe(true);
  });

  it('rejects what the protocol does not accept', () => {
    expect(() => conforms('wsSubscribe', { type: 'subscribe', channel: 'orders' })).toThrow();
    expect(() => conforms('wsEventFrame', { type: 'event', subscription: 's' })).toThrow();
  });
});
