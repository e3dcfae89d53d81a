import { expectStatus, HttpCaller } from './http-call.js';
import {
  CURRENCY,
  CUSTOMER_ID,
  type Item,
  LIST_SIZE,
  PAYMENT_METHOD,
  pollUntilFinal,
  type Style,
  type StyleClient,
} from './scenario.js';
import { countElements, envelope, firstText, itemsXml, soapHeaders } from './soap-envelopes.js';

function soapClient(url: string, items: Item[]): StyleClient {
  const http = new HttpCaller(url);
  const lines = itemsXml(items);
  async function call(operation: string, body: string, key?: string): Promise<string> {
    const answer = await http.call(
      'POST',
      '/soap',
      soapHeaders(operation),
      envelope(operation, body, key),
    );
    const xml = expectStatus(answer, 200, `SOAP ${operation}`).body;
    if (xml.includes('Fault>')) throw new Error(`SOAP ${operation}: ${xml.slice(0, 500)}`);
    return xml;
  }
  // The order's own Id and Version come before its items' and timestamps in the schema.
  const ref = (xml: string) => ({
    id: firstText(xml, 'Id'),
    version: Number(firstText(xml, 'Version')),
  });
  return {
    payload: http.payload,
    async createOrder(key) {
      const body = `<c:CustomerId>${CUSTOMER_ID}</c:CustomerId>${lines}<c:Currency>${CURRENCY}</c:Currency>`;
      return ref(await call('CreateOrder', body, key));
    },
    getOrder: async (id) => ref(await call('GetOrder', `<c:OrderId>${id}</c:OrderId>`)),
    async listOrders() {
      const xml = await call('ListOrders', `<c:Limit>${LIST_SIZE}</c:Limit>`);
      return countElements(xml, 'Order');
    },
    async replaceOrder(order) {
      const body = `<c:OrderId>${order.id}</c:OrderId>${lines}<c:Currency>${CURRENCY}</c:Currency><c:ExpectedVersion>${order.version}</c:ExpectedVersion>`;
      return ref(await call('ReplaceOrder', body));
    },
    async pay(orderId) {
      const body = `<c:OrderId>${orderId}</c:OrderId><c:PaymentMethod>${PAYMENT_METHOD}</c:PaymentMethod>`;
      const id = firstText(await call('CreatePayment', body, `pay-${orderId}`), 'Id');
      const read = async () =>
        firstText(await call('GetPayment', `<c:PaymentId>${id}</c:PaymentId>`), 'Status');
      return pollUntilFinal(read, 5);
    },
    close: () => http.close(),
  };
}

/**
 * SOAP 1.1 document/literal over HTTP/1.1 keep-alive, the envelopes a WSDL client sends (built
 * as strings so client-side XML tooling does not slow the load generator). No push in SOAP: the
 * outcome is polled.
 */
export const soapStyle: Style = {
  name: 'SOAP',
  outcomeVia: 'CreatePayment, then GetPayment every 5 ms until final (polling)',
  connect: async (target, items) => soapClient(target.url, items),
};
