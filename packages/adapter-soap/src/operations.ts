import type { Commerce, OperationContext, OrderStatus, PaymentMethod } from '@commerce/core';
import type { XmlNode } from './envelope.js';
import { items, number, text } from './wire-in.js';
import { eventXml, orderXml, paymentXml } from './wire-out.js';
import { element } from './xml-text.js';

/** One call of an operation: who asks, the wrapper element's content, the header values. */
export interface OperationCall {
  ctx: OperationContext;
  body: XmlNode;
  idempotencyKey: string | undefined;
}

/** An operation of the WSDL: returns the content of its `…Response` element. */
export type Operation = (commerce: Commerce, call: OperationCall) => Promise<string>;

const orderId = (body: XmlNode) => text(body, 'OrderId') as string;
const paymentId = (body: XmlNode) => text(body, 'PaymentId') as string;
const order = (o: Parameters<typeof orderXml>[0]) => `<Order>${orderXml(o)}</Order>`;
const payment = (p: Parameters<typeof paymentXml>[0]) => `<Payment>${paymentXml(p)}</Payment>`;
const change = (body: XmlNode) => ({
  expectedVersion: number(body, 'ExpectedVersion'),
  lockToken: text(body, 'LockToken'),
});

/** Every operation of commerce.wsdl, by the local name of its request element. */
export const OPERATIONS: Record<string, Operation> = {
  async CreateOrder(commerce, { ctx, body, idempotencyKey }) {
    const input = {
      customerId: text(body, 'CustomerId'),
      items: items(body),
      currency: text(body, 'Currency') as string,
    };
    const r = await commerce.orders.create(ctx, input, idempotencyKey);
    return order(r.value) + element('Replayed', r.replayed);
  },
  async GetOrder(commerce, { ctx, body }) {
    return order(await commerce.orders.get(ctx, orderId(body)));
  },
  async ListOrders(commerce, { ctx, body }) {
    const page = await commerce.orders.list(ctx, {
      status: text(body, 'Status') as OrderStatus | undefined,
      customerId: text(body, 'CustomerId'),
      cursor: text(body, 'Cursor'),
      limit: number(body, 'Limit'),
    });
    return page.items.map(order).join('') + element('NextCursor', page.nextCursor);
  },
  async ReplaceOrder(commerce, { ctx, body }) {
    const replaced = await commerce.orders.replace(ctx, orderId(body), {
      items: items(body),
      currency: text(body, 'Currency') as string,
      expectedVersion: number(body, 'ExpectedVersion') as number,
      lockToken: text(body, 'LockToken'),
    });
    return order(replaced);
  },
  async CancelOrder(commerce, { ctx, body }) {
    return order(await commerce.orders.cancel(ctx, orderId(body), change(body)));
  },
  async FulfillOrder(commerce, { ctx, body }) {
    return order(await commerce.orders.fulfil(ctx, orderId(body), change(body)));
  },
  async LockOrder(commerce, { ctx, body }) {
    const ttlSeconds = number(body, 'TtlSeconds');
    const lock = await commerce.orders.lock(
      ctx,
      orderId(body),
      ttlSeconds === undefined ? {} : { ttlSeconds },
    );
    return (
      element('OrderId', lock.orderId) +
      element('LockToken', lock.token) +
      element('ExpiresAt', lock.expiresAt)
    );
  },
  async UnlockOrder(commerce, { ctx, body }) {
    await commerce.orders.unlock(ctx, orderId(body), text(body, 'LockToken') as string);
    return '';
  },
  async CreatePayment(commerce, { ctx, body, idempotencyKey }) {
    const input = {
      orderId: orderId(body),
      paymentMethod: text(body, 'PaymentMethod') as PaymentMethod,
    };
    const r = await commerce.payments.create(ctx, input, idempotencyKey);
    return payment(r.value) + element('Replayed', r.replayed);
  },
  async GetPayment(commerce, { ctx, body }) {
    return payment(await commerce.payments.get(ctx, paymentId(body)));
  },
  async RefundPayment(commerce, { ctx, body, idempotencyKey }) {
    const r = await commerce.payments.refund(ctx, paymentId(body), idempotencyKey);
    return payment(r.value) + element('Replayed', r.replayed);
  },
  async CancelPayment(commerce, { ctx, body }) {
    const progress = await commerce.payments.cancel(ctx, paymentId(body));
    return (
      element('JobId', progress.jobId) +
      element('Status', progress.status) +
      element('Attempts', progress.attempts) +
      element('Percent', progress.percent) +
      element('Message', progress.message)
    );
  },
  async ListEvents(commerce, { ctx, body }) {
    const batch = await commerce.events.list(ctx, {
      afterSequence: number(body, 'AfterSequence'),
      orderId: text(body, 'OrderId'),
      limit: number(body, 'Limit'),
    });
    return (
      batch.events.map((e) => `<Event>${eventXml(e)}</Event>`).join('') +
      element('NextSequence', batch.nextSequence)
    );
  },
};
