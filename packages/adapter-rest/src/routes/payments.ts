import type { CreatePaymentInput, ListPaymentsInput, Payment, PaymentStatus } from '@commerce/core';
import { createRoute } from '@hono/zod-openapi';
import { readJson } from '../http/json-body.js';
import { listResponse, pageQuery, queryText, waitSeconds } from '../http/query.js';
import { replayHeaders, representation } from '../http/representation.js';
import { headers, problems } from '../openapi/components.js';
import {
  idempotencyHeader,
  ifNoneMatchHeader,
  paymentIdParams,
  paymentListQuery,
  waitQuery,
} from '../openapi/params.js';
import { CreatePaymentBody, PaymentList, Payment as PaymentSchema } from '../openapi/schemas.js';
import { fromWire, wirePayment } from '../wire.js';
import {
  defineRoute,
  longPollSignal,
  operationContext,
  type RestApp,
  type RouteDeps,
} from './define.js';

const json = { 'application/json': { schema: PaymentSchema } };

const createPayment = createRoute({
  method: 'post',
  path: '/api/v1/payments',
  operationId: 'createPayment',
  tags: ['payments'],
  summary: 'Pay an order: accepted at once (202), processed asynchronously',
  request: {
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: CreatePaymentBody } } },
  },
  responses: {
    202: {
      description: 'Accepted in `processing`; poll `Location` (long poll with `?wait=`)',
      headers: headers('Location', 'Retry-After', 'ETag', 'Cache-Control', 'Idempotent-Replayed'),
      content: json,
    },
    ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

const listPayments = createRoute({
  method: 'get',
  path: '/api/v1/payments',
  operationId: 'listPayments',
  tags: ['payments'],
  summary: 'List payments, newest first',
  request: { query: paymentListQuery },
  responses: {
    200: {
      description: 'A page of payments',
      headers: headers('Link', 'Cache-Control'),
      content: { 'application/json': { schema: PaymentList } },
    },
    ...problems(400, 401, 403, 429),
  },
});

const getPayment = createRoute({
  method: 'get',
  path: '/api/v1/payments/{id}',
  operationId: 'getPayment',
  tags: ['payments'],
  summary: 'Get a payment; `Retry-After` while processing; `?wait=` long-polls for the outcome',
  request: { params: paymentIdParams, query: waitQuery, headers: ifNoneMatchHeader },
  responses: {
    200: {
      description: 'The payment',
      headers: headers('ETag', 'Cache-Control', 'Retry-After'),
      content: json,
    },
    304: { description: 'Not modified', headers: headers('ETag', 'Cache-Control') },
    ...problems(400, 401, 403, 404, 429, 504),
  },
});

/** Ask again in a second while the outcome is pending. */
const pending = (payment: Payment): Record<string, string> =>
  payment.status === 'processing' ? { 'Retry-After': '1' } : {};

/** Create, list and read payments. */
export function paymentRoutes(app: RestApp, deps: RouteDeps): void {
  const { commerce } = deps;

  defineRoute(app, createPayment, async (c) => {
    const body = fromWire(await readJson(c), {
      order_id: 'orderId',
      payment_method: 'paymentMethod',
    }) as CreatePaymentInput;
    const key = c.req.header('idempotency-key');
    const { value, replayed } = await commerce.payments.create(operationContext(c), body, key);
    return representation(c, value.version, wirePayment(value), 202, {
      Location: `/api/v1/payments/${value.id}`,
      ...pending(value),
      ...replayHeaders(replayed),
    });
  });

  defineRoute(app, listPayments, async (c) => {
    const input: ListPaymentsInput = {
      status: queryText(c, 'status') as PaymentStatus | undefined,
      orderId: queryText(c, 'order_id'),
      customerId: queryText(c, 'customer_id'),
      ...pageQuery(c),
    };
    const page = await commerce.payments.list(operationContext(c), input);
    return listResponse(c, page, wirePayment);
  });

  defineRoute(app, getPayment, async (c) => {
    const id = c.req.param('id') ?? '';
    const wait = waitSeconds(c, deps.longPollMaxSeconds);
    const payment =
      wait > 0
        ? await commerce.payments.waitForOutcome(
            operationContext(c, longPollSignal(c, deps)),
            id,
            wait * 1000,
          )
        : await commerce.payments.get(operationContext(c), id);
    return representation(c, payment.version, wirePayment(payment), 200, pending(payment));
  });
}
