import { expectStatus, HttpCaller } from './http-call.js';
import {
  API_KEY,
  CURRENCY,
  CUSTOMER_ID,
  type Item,
  LIST_SIZE,
  PAYMENT_METHOD,
  type Style,
  type StyleClient,
} from './scenario.js';

type Json = Record<string, unknown>;

const orderRef = (body: string) => {
  const order = JSON.parse(body) as Json;
  return { id: String(order.id), version: Number(order.version) };
};

const restItems = (items: Item[]) =>
  items.map((i) => ({ sku: i.sku, quantity: i.quantity, unit_price: i.unitPrice }));

/** The JSON body of `POST /api/v1/orders` for the scenario's order. */
export const restCreateBody = (items: Item[]): string =>
  JSON.stringify({ customer_id: CUSTOMER_ID, items: restItems(items), currency: CURRENCY });

function restClient(url: string, items: Item[]): StyleClient {
  const http = new HttpCaller(url);
  const auth = () => ({ authorization: `Bearer ${API_KEY}` });
  const json = () => ({ ...auth(), 'content-type': 'application/json' });
  const create = restCreateBody(items);
  const replace = JSON.stringify({ items: restItems(items), currency: CURRENCY });
  return {
    payload: http.payload,
    async createOrder(key) {
      const headers = { ...json(), 'idempotency-key': key };
      const answer = await http.call('POST', '/api/v1/orders', headers, create);
      return orderRef(expectStatus(answer, 201, 'REST create').body);
    },
    async getOrder(id) {
      const answer = await http.call('GET', `/api/v1/orders/${id}`, auth());
      return orderRef(expectStatus(answer, 200, 'REST get').body);
    },
    async listOrders() {
      const answer = await http.call('GET', `/api/v1/orders?limit=${LIST_SIZE}`, auth());
      return (JSON.parse(expectStatus(answer, 200, 'REST list').body).data as unknown[]).length;
    },
    async replaceOrder(order) {
      const headers = { ...json(), 'if-match': `"v${order.version}"` };
      const answer = await http.call('PUT', `/api/v1/orders/${order.id}`, headers, replace);
      return orderRef(expectStatus(answer, 200, 'REST update').body);
    },
    async pay(orderId) {
      const body = JSON.stringify({ order_id: orderId, payment_method: PAYMENT_METHOD });
      const headers = { ...json(), 'idempotency-key': `pay-${orderId}` };
      const created = await http.call('POST', '/api/v1/payments', headers, body);
      const id = String(JSON.parse(expectStatus(created, 202, 'REST pay').body).id);
      // Long poll: the server answers as soon as the payment is final.
      const settled = await http.call('GET', `/api/v1/payments/${id}?wait=10`, auth());
      return String(JSON.parse(expectStatus(settled, 200, 'REST outcome').body).status);
    },
    close: () => http.close(),
  };
}

/** REST: JSON over HTTP/1.1 keep-alive, the outcome by long-polling the payment. */
export const restStyle: Style = {
  name: 'REST',
  outcomeVia: 'POST /payments, then GET /payments/{id}?wait=10 (long poll)',
  connect: async (target, items) => restClient(target.url, items),
};
