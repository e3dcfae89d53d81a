import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soapClients } from '../clients/soap-client.js';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('SOAP and REST on the same data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.[Symbol.asyncDispose]());

  it('reads an order created and replaced over SOAP over REST with the same fields and version', async () => {
    const soap = await soapClients(server.url).connect(keys.alice);
    const { order: created } = await soap.createOrder({
      items: [{ sku: 'sku-book', quantity: 2, unitPrice: 1250 }],
      currency: 'EUR',
    });
    const order = await soap.replaceOrder(created.id, {
      items: [{ sku: 'sku-mug', quantity: 3, unitPrice: 900 }],
      currency: 'EUR',
      expectedVersion: 1,
    });
    const response = await fetch(`${server.url}/api/v1/orders/${order.id}`, {
      headers: { authorization: `Bearer ${keys.alice}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: order.id,
      customer_id: order.customerId,
      items: [{ sku: 'sku-mug', quantity: 3, unit_price: 900 }],
      amount: 2700,
      currency: 'EUR',
      status: 'pending',
      version: 2,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
    });
  });
});
