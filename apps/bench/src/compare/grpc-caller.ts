import { OrderService, PaymentService, PaymentStatus } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { callMetadata, codec, unary } from './grpc-method.js';
import type { PayloadCounter } from './http-call.js';
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

const ref = (order: { id: string; version: bigint } | undefined) => {
  if (!order) throw new Error('gRPC: response without an order');
  return { id: order.id, version: Number(order.version) };
};

function grpcClient(address: string, items: Item[]): StyleClient {
  // One client, one HTTP/2 connection: every call of this style is multiplexed on it.
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const payload: PayloadCounter = { sent: 0, received: 0 };
  const m = {
    create: codec(OrderService.method.createOrder, payload),
    get: codec(OrderService.method.getOrder, payload),
    list: codec(OrderService.method.listOrders, payload),
    replace: codec(OrderService.method.replaceOrder, payload),
    session: codec(PaymentService.method.paymentSession, payload),
  };
  const lines = items.map((i) => ({ ...i, unitPrice: BigInt(i.unitPrice) }));
  const auth = () => callMetadata(API_KEY);
  return {
    payload,
    async createOrder(key) {
      const request = { customerId: CUSTOMER_ID, items: lines, currency: CURRENCY };
      return ref((await unary(client, m.create, request, callMetadata(API_KEY, key))).order);
    },
    getOrder: async (orderId) => ref((await unary(client, m.get, { orderId }, auth())).order),
    async listOrders() {
      return (await unary(client, m.list, { pageSize: LIST_SIZE }, auth())).orders.length;
    },
    async replaceOrder(order) {
      const request = {
        orderId: order.id,
        items: lines,
        currency: CURRENCY,
        expectedVersion: BigInt(order.version),
      };
      return ref((await unary(client, m.replace, request, auth())).order);
    },
    pay(orderId) {
      // PaymentSession: one bidirectional call creates the payment and streams it to its outcome.
      return new Promise((resolve, reject) => {
        const call = client.makeBidiStreamRequest(
          m.session.path,
          m.session.serialize,
          m.session.deserialize,
          callMetadata(API_KEY, `pay-${orderId}`),
        );
        let status: string | undefined;
        call.on('data', (message: ReturnType<typeof m.session.deserialize>) => {
          if (message.update.case === 'outcome') {
            status = PaymentStatus[message.update.value.payment?.status ?? 0];
          }
        });
        call.on('error', reject);
        call.on('end', () =>
          status ? resolve(status.toLowerCase()) : reject(new Error('gRPC: no outcome')),
        );
        call.write({
          command: { case: 'start', value: { orderId, paymentMethod: PAYMENT_METHOD } },
        });
        call.end();
      });
    },
    close: () => client.close(),
  };
}

/** gRPC: protobuf over one HTTP/2 connection; the outcome through the PaymentSession stream. */
export const grpcStyle: Style = {
  name: 'gRPC',
  outcomeVia: 'PaymentSession (bidirectional stream): start, then updates until the outcome',
  connect: async (target, items) => grpcClient(target.grpc, items),
};
