import type { CreateOrderInput, OrderItem } from '@commerce/core';
import { createRoute } from '@hono/zod-openapi';
import { expectedVersionOf, optionalExpectedVersion } from '../http/conditional.js';
import { readJson } from '../http/json-body.js';
import { replayHeaders, representation } from '../http/representation.js';
import { headers, problems } from '../openapi/components.js';
import { idempotencyHeader, orderIdParams, writePreconditions } from '../openapi/params.js';
import { CreateOrderBody, Order, ReplaceOrderBody } from '../openapi/schemas.js';
import { fromWire, itemsFromWire, wireOrder } from '../wire.js';
import { defineRoute, operationContext, type RestApp, type RouteDeps } from './define.js';

const json = (schema: typeof Order) => ({ 'application/json': { schema } });

const createOrder = createRoute({
  method: 'post',
  path: '/api/v1/orders',
  operationId: 'createOrder',
  tags: ['orders'],
  summary: 'Create an order (Idempotency-Key replays the original 201)',
  request: {
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: CreateOrderBody } } },
  },
  responses: {
    201: {
      description: 'Created (or replayed, with `Idempotent-Replayed: true`)',
      headers: headers('Location', 'ETag', 'Cache-Control', 'Idempotent-Replayed'),
      content: json(Order),
    },
    ...problems(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

const replaceOrder = createRoute({
  method: 'put',
  path: '/api/v1/orders/{id}',
  operationId: 'replaceOrder',
  tags: ['orders'],
  summary: 'Replace a pending order’s items (If-Match required; X-Lock-Token when locked)',
  request: {
    params: orderIdParams,
    headers: writePreconditions(true),
    body: { required: true, content: { 'application/json': { schema: ReplaceOrderBody } } },
  },
  responses: {
    200: {
      description: 'Updated',
      headers: headers('ETag', 'Cache-Control'),
      content: json(Order),
    },
    ...problems(400, 401, 403, 404, 409, 412, 413, 415, 428, 429),
  },
});

const cancelOrder = createRoute({
  method: 'delete',
  path: '/api/v1/orders/{id}',
  operationId: 'cancelOrder',
  tags: ['orders'],
  summary: 'Cancel an order (If-Match optional; X-Lock-Token when locked)',
  request: { params: orderIdParams, headers: writePreconditions(false) },
  responses: {
    200: {
      description: 'The cancelled order',
      headers: headers('ETag', 'Cache-Control'),
      content: json(Order),
    },
    ...problems(400, 401, 403, 404, 409, 412, 429),
  },
});

const BODY_NAMES = { customer_id: 'customerId', items: 'items', currency: 'currency' };

/** Create, replace and cancel. */
export function orderWriteRoutes(app: RestApp, { commerce }: RouteDeps): void {
  defineRoute(app, createOrder, async (c) => {
    const body = fromWire(await readJson(c), BODY_NAMES);
    const input = { ...body, items: itemsFromWire(body.items) } as CreateOrderInput;
    const key = c.req.header('idempotency-key');
    const { value, replayed } = await commerce.orders.create(operationContext(c), input, key);
    return representation(c, value.version, wireOrder(value), 201, {
      Location: `/api/v1/orders/${value.id}`,
      ...replayHeaders(replayed),
    });
  });

  defineRoute(app, replaceOrder, async (c) => {
    const id = c.req.param('id') ?? '';
    const expected = expectedVersionOf(c.req.header('if-match'));
    const body = fromWire(await readJson(c), BODY_NAMES);
    const ctx = operationContext(c);
    const order = await commerce.orders.replace(ctx, id, {
      items: itemsFromWire(body.items) as OrderItem[],
      currency: body.currency as string,
      // `If-Match: *` accepts whichever version is current.
      expectedVersion: expected ?? (await commerce.orders.get(ctx, id)).version,
      lockToken: c.req.header('x-lock-token'),
    });
    return representation(c, order.version, wireOrder(order));
  });

  defineRoute(app, cancelOrder, async (c) => {
    const order = await commerce.orders.cancel(operationContext(c), c.req.param('id') ?? '', {
      expectedVersion: optionalExpectedVersion(c.req.header('if-match')),
      lockToken: c.req.header('x-lock-token'),
    });
    return representation(c, order.version, wireOrder(order));
  });
}
