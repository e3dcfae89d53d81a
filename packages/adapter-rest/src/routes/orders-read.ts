import type { ListOrdersInput, OrderStatus } from '@commerce/core';
import { createRoute } from '@hono/zod-openapi';
import { listResponse, pageQuery, queryText } from '../http/query.js';
import { representation } from '../http/representation.js';
import { headers, problems } from '../openapi/components.js';
import { ifNoneMatchHeader, orderIdParams, orderListQuery } from '../openapi/params.js';
import { Order, OrderList } from '../openapi/schemas.js';
import { wireOrder } from '../wire.js';
import { defineRoute, operationContext, type RestApp, type RouteDeps } from './define.js';

const listOrders = createRoute({
  method: 'get',
  path: '/api/v1/orders',
  operationId: 'listOrders',
  tags: ['orders'],
  summary: 'List orders, newest first (cursor or page pagination)',
  request: { query: orderListQuery },
  responses: {
    200: {
      description: 'A page of orders; `Link: <…>; rel="next"` when there are more',
      headers: headers('Link', 'Cache-Control'),
      content: { 'application/json': { schema: OrderList } },
    },
    ...problems(400, 401, 403, 429),
  },
});

const getOrder = createRoute({
  method: 'get',
  path: '/api/v1/orders/{id}',
  operationId: 'getOrder',
  tags: ['orders'],
  summary: 'Get an order (ETag; If-None-Match → 304, which spends no rate-limit quota)',
  request: { params: orderIdParams, headers: ifNoneMatchHeader },
  responses: {
    200: {
      description: 'The order',
      headers: headers('ETag', 'Cache-Control'),
      content: { 'application/json': { schema: Order } },
    },
    304: { description: 'Not modified', headers: headers('ETag', 'Cache-Control') },
    ...problems(400, 401, 403, 404, 429),
  },
});

/** GET routes of orders. */
export function orderReadRoutes(app: RestApp, { commerce }: RouteDeps): void {
  defineRoute(app, listOrders, async (c) => {
    const input: ListOrdersInput = {
      status: queryText(c, 'status') as OrderStatus | undefined,
      customerId: queryText(c, 'customer_id'),
      ...pageQuery(c),
    };
    const page = await commerce.orders.list(operationContext(c), input);
    return listResponse(c, page, wireOrder);
  });

  defineRoute(app, getOrder, async (c) => {
    const order = await commerce.orders.get(operationContext(c), c.req.param('id') ?? '');
    return representation(c, order.version, wireOrder(order));
  });
}
