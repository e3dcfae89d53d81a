import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, ApiError } from '../clients/api-client.js';
import { soapClients } from '../clients/soap-client.js';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { envelope, faultCode, post, textToken } from './raw-envelope.js';

const items = [{ sku: 'sku-book', quantity: 2, unitPrice: 1250 }];

/** A generated client's raw call: returns the result or the fault's detail Error element. */
async function raw(client: soap.Client, operation: string, args: object) {
  try {
    const [result] = await client[`${operation}Async`](args);
    return { result, fault: null };
  } catch (error) {
    const fault = (error as { root?: { Envelope: { Body: { Fault: Record<string, unknown> } } } })
      .root?.Envelope.Body.Fault;
    if (!fault) throw error;
    return { result: null, fault };
  }
}

async function generated(url: string, apiKey: string): Promise<soap.Client> {
  const client = await soap.createClientAsync(`${url}/soap?wsdl`);
  client.setSecurity(new soap.WSSecurity('api-key', apiKey));
  return client;
}

describe('SOAP: every operation from the served WSDL', () => {
  let server: TestServer;
  let alice: ApiClient;
  let admin: soap.Client;
  let aliceRaw: soap.Client;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await soapClients(server.url).connect(keys.alice);
    admin = await generated(server.url, keys.admin);
    aliceRaw = await generated(server.url, keys.alice);
  });
  afterAll(() => server?.[Symbol.asyncDispose]());

  it('serves a WSDL whose address is the server it was fetched from, listing every operation', async () => {
    const wsdl = await (await fetch(`${server.url}/soap?wsdl`)).text();
    expect(wsdl).toContain(`location="${server.url}/soap"`);
    const description = aliceRaw.describe().CommerceService.CommerceSoapPort;
    expect(Object.keys(description).sort()).toEqual(
      [
        'CancelOrder',
        'CancelPayment',
        'CreateOrder',
        'CreatePayment',
        'FulfillOrder',
        'GetOrder',
        'GetPayment',
        'ListEvents',
        'ListOrders',
        'LockOrder',
        'RefundPayment',
        'ReplaceOrder',
        'UnlockOrder',
      ].sort(),
    );
  });

  it('fulfils a paid order (admin), cancels a processing payment, lists events', async () => {
    const { order } = await alice.createOrder({ items, currency: 'EUR' });
    const { payment } = await alice.createPayment({
      orderId: order.id,
      paymentMethod: 'pm_card_visa',
    });
    await alice.watchEvents({ orderId: order.id }, (events) =>
      events.some((e) => e.type === 'order.updated'),
    );
    const fulfilled = await raw(admin, 'FulfillOrder', { OrderId: order.id, ExpectedVersion: 2 });
    expect(fulfilled.result.Order).toMatchObject({ Status: 'fulfilled', Version: 3 });
    const denied = await raw(aliceRaw, 'FulfillOrder', { OrderId: order.id });
    expect(denied.fault?.detail).toMatchObject({ Error: { Code: 'permission_denied' } });
    expect((await alice.getPayment(payment.id)).status).toBe('succeeded');

    const slow = await alice.createOrder({ items, currency: 'EUR' });
    const slowPayment = await alice.createPayment({
      orderId: slow.order.id,
      paymentMethod: 'pm_card_slow',
    });
    const cancelled = await raw(aliceRaw, 'CancelPayment', { PaymentId: slowPayment.payment.id });
    expect(cancelled.result).toMatchObject({ JobId: slowPayment.payment.jobId });
    await alice.watchEvents({ orderId: slow.order.id }, (events) =>
      events.some((e) => e.type === 'payment.failed'),
    );
    const failed = await alice.getPayment(slowPayment.payment.id);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'canceled' });

    const events = await raw(aliceRaw, 'ListEvents', { AfterSequence: 0, OrderId: order.id });
    expect(events.result.Event.map((e: { Type: string }) => e.Type)).toEqual([
      'order.created',
      'payment.processing',
      'payment.succeeded',
      'order.updated',
      'order.updated',
    ]);
  });

  it('answers each fault with Client/Server, the stable code and the request id in detail', async () => {
    const { order } = await alice.createOrder({ items, currency: 'EUR' });
    const cases: [operation: string, args: object, code: string, side: string][] = [
      ['GetOrder', { OrderId: 'ord_00000000000000000000000000' }, 'not_found', 'Client'],
      ['GetOrder', { OrderId: 'nope' }, 'invalid_argument', 'Client'],
      [
        'ReplaceOrder',
        {
          OrderId: order.id,
          Item: [{ Sku: 'a', Quantity: 1, UnitPrice: 1 }],
          Currency: 'EUR',
          ExpectedVersion: 9,
        },
        'version_mismatch',
        'Client',
      ],
      ['UnlockOrder', { OrderId: order.id, LockToken: 'lck_nothing' }, 'locked', 'Client'],
      ['RefundPayment', { PaymentId: 'pay_00000000000000000000000000' }, 'not_found', 'Client'],
    ];
    for (const [operation, args, code, side] of cases) {
      const { fault } = await raw(aliceRaw, operation, args);
      expect(fault, operation).toMatchObject({
        faultcode: `soap:${side}`,
        detail: { Error: { Code: code } },
      });
      expect(JSON.stringify(fault?.detail)).toMatch(/"RequestId":"req_/);
    }
  });

  it('takes the request id from X-Request-Id or the RequestId header element and echoes it', async () => {
    const body = '<c:GetOrder><c:OrderId>ord_00000000000000000000000000</c:OrderId></c:GetOrder>';
    const viaHttp = await post(server.url, envelope(textToken(keys.alice), body), {
      'x-request-id': 'trace-me-1',
    });
    expect(viaHttp.text).toContain('<RequestId>trace-me-1</RequestId>');
    expect(viaHttp.headers.get('x-request-id')).toBe('trace-me-1');
    const viaElement = await post(
      server.url,
      envelope(`${textToken(keys.alice)}<c:RequestId>trace-me-2</c:RequestId>`, body),
    );
    expect(viaElement.text).toMatch(/<soap:Header><RequestId[^>]*>trace-me-2<\/RequestId>/);
    expect(faultCode(viaElement.text)).toBe('not_found');
  });

  it('refuses a request without a UsernameToken, and an unknown operation', async () => {
    const missing = await post(
      server.url,
      envelope('', '<c:GetOrder><c:OrderId>x</c:OrderId></c:GetOrder>'),
    );
    expect(faultCode(missing.text)).toBe('unauthenticated');
    const unknown = await post(server.url, envelope(textToken(keys.alice), '<c:Teleport/>'));
    expect(faultCode(unknown.text)).toBe('invalid_argument');
  });

  it('answers SOAP 1.2 envelopes in SOAP 1.2 (Sender fault, 400)', async () => {
    const xml = envelope(
      textToken(keys.alice),
      '<c:GetOrder><c:OrderId>ord_00000000000000000000000000</c:OrderId></c:GetOrder>',
    ).replace(
      'http://schemas.xmlsoap.org/soap/envelope/',
      'http://www.w3.org/2003/05/soap-envelope',
    );
    const answer = await post(server.url, xml, {
      'content-type': 'application/soap+xml; charset=utf-8',
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/soap+xml');
    expect(answer.text).toContain('<soap:Value>soap:Sender</soap:Value>');
    expect(faultCode(answer.text)).toBe('not_found');
  });
});

describe('SOAP: rate limit', () => {
  it('answers an empty bucket with a Server fault carrying rate_limited', async () => {
    await using server = await startTestServer({
      RATE_LIMIT_CUSTOMER_CAPACITY: '2',
      RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '0.001',
    });
    const client = await soapClients(server.url).connect(keys.alice);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      await client
        .getOrder('ord_00000000000000000000000000')
        .catch((e: ApiError) => codes.push(e.code));
    }
    expect(codes).toEqual(['not_found', 'not_found', 'rate_limited']);
    const answer = await post(
      server.url,
      envelope(textToken(keys.alice), '<c:GetOrder><c:OrderId>x</c:OrderId></c:GetOrder>'),
    );
    expect(answer.text).toContain('<faultcode>soap:Server</faultcode>');
    expect(answer.text).toMatch(/<RetryAfterMs>\d+<\/RetryAfterMs>/);
    expect(new ApiError('rate_limited', '', null).code).toBe('rate_limited');
  });
});
