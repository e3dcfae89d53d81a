import { expectStatus, HttpCaller } from './http-call.js';
import {
  API_KEY,
  CURRENCY,
  CUSTOMER_ID,
  type Item,
  LIST_SIZE,
  PAYMENT_METHOD,
  pollUntilFinal,
  type Style,
  type StyleClient,
} from './scenario.js';

/** The same order fields REST and SOAP return, so every style carries the same data. */
const ORDER =
  'id customerId items { sku quantity unitPrice } amount currency status version createdAt updatedAt';
const PAYMENT =
  'id orderId customerId amount currency paymentMethod status failureCode jobId version createdAt updatedAt';

const CREATE = `mutation($input: CreateOrderInput!, $key: String) { createOrder(input: $input, idempotencyKey: $key) { order { ${ORDER} } replayed } }`;
const GET = `query($id: ID!) { order(id: $id) { ${ORDER} } }`;
const LIST = `query($first: Int) { orders(first: $first) { nodes { ${ORDER} } pageInfo { hasNextPage endCursor } } }`;
const REPLACE = `mutation($id: ID!, $input: ReplaceOrderInput!, $version: Int!) { replaceOrder(id: $id, input: $input, expectedVersion: $version) { ${ORDER} } }`;
const PAY = `mutation($input: CreatePaymentInput!, $key: String) { createPayment(input: $input, idempotencyKey: $key) { payment { ${PAYMENT} } replayed } }`;
const PAYMENT_QUERY = `query($id: ID!) { payment(id: $id) { ${PAYMENT} } }`;

type Order = { id: string; version: number };

function graphqlClient(url: string, items: Item[]): StyleClient {
  const http = new HttpCaller(url);
  async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const headers = {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
    };
    const answer = await http.call(
      'POST',
      '/graphql',
      headers,
      JSON.stringify({ query, variables }),
    );
    const body = JSON.parse(expectStatus(answer, 200, 'GraphQL').body) as {
      data?: T;
      errors?: unknown[];
    };
    if (body.errors || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const ref = (o: Order) => ({ id: o.id, version: o.version });
  return {
    payload: http.payload,
    async createOrder(key) {
      const input = { customerId: CUSTOMER_ID, items, currency: CURRENCY };
      const data = await call<{ createOrder: { order: Order } }>(CREATE, { input, key });
      return ref(data.createOrder.order);
    },
    getOrder: async (id) => ref((await call<{ order: Order }>(GET, { id })).order),
    async listOrders() {
      const data = await call<{ orders: { nodes: Order[] } }>(LIST, { first: LIST_SIZE });
      return data.orders.nodes.length;
    },
    async replaceOrder(order) {
      const input = { items, currency: CURRENCY };
      const variables = { id: order.id, input, version: order.version };
      return ref((await call<{ replaceOrder: Order }>(REPLACE, variables)).replaceOrder);
    },
    async pay(orderId) {
      const input = { orderId, paymentMethod: PAYMENT_METHOD.toUpperCase() };
      type Created = { createPayment: { payment: { id: string } } };
      const data = await call<Created>(PAY, { input, key: `pay-${orderId}` });
      const id = data.createPayment.payment.id;
      type Read = { payment: { status: string } };
      return pollUntilFinal(
        async () => (await call<Read>(PAYMENT_QUERY, { id })).payment.status,
        5,
      );
    },
    close: () => http.close(),
  };
}

/** GraphQL: queries and mutations as JSON POSTs to /graphql over HTTP/1.1 keep-alive. */
export const graphqlStyle: Style = {
  name: 'GraphQL',
  outcomeVia: 'createPayment, then the payment query every 5 ms until final (polling)',
  connect: async (target, items) => graphqlClient(target.url, items),
};
