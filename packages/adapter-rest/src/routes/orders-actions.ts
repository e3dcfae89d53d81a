import { invalidArgument } from '@commerce/core';
import { createRoute, z } from '@hono/zod-openapi';
import { optionalExpectedVersion } from '../http/conditional.js';
import { readJson } from '../http/json-body.js';
import { queryNumber, queryText } from '../http/query.js';
import { representation } from '../http/representation.js';
import { headers, problems } from '../openapi/components.js';
import { orderIdParams, writePreconditions } from '../openapi/params.js';
import { Order, OrderLock } from '../openapi/schemas.js';
import { wireLock, wireOrder } from '../wire.js';
import { defineRoute, operationContext, type RestApp, type RouteDeps } from './define.js';

const lockOrder = createRoute({
  method: 'post',
  path: '/api/v1/orders/{id}',
  operationId: 'lockOrder',
  tags: ['locks'],
  summary: 'Lock an order (`?lock=true`): writes without the token get 409 until it expires',
  request: {
    params: orderIdParams,
    query: z.object({
      lock: z.literal('true'),
      ttl_seconds: z.number().int().min(1).optional().openapi({ description: 'Default 60' }),
    }),
  },
  responses: {
    200: {
      description: 'The lock token and its expiry',
      headers: headers('Cache-Control'),
      content: { 'application/json': { schema: OrderLock } },
    },
    ...problems(400, 401, 403, 404, 409, 415, 429),
  },
});

const unlockOrder = createRoute({
  method: 'delete',
  path: '/api/v1/orders/{id}/lock',
  operationId: 'unlockOrder',
  tags: ['locks'],
  summary: 'Release a lock before it expires',
  request: {
    params: orderIdParams,
    headers: z.object({ 'x-lock-token': z.string().openapi({ description: 'The lock token' }) }),
  },
  responses: {
    204: { description: 'Released', headers: headers() },
    ...problems(400, 401, 403, 404, 409, 429),
  },
});

const fulfilOrder = createRoute({
  method: 'post',
  path: '/api/v1/orders/{id}/fulfillments',
  operationId: 'fulfilOrder',
  tags: ['orders'],
  summary: 'Fulfil a paid order (admin keys only)',
  request: { params: orderIdParams, headers: writePreconditions(false) },
  responses: {
    200: {
      description: 'The fulfilled order',
      headers: headers('ETag', 'Cache-Control'),
      content: { 'application/json': { schema: Order } },
    },
    ...problems(400, 401, 403, 404, 409, 412, 415, 429),
  },
});

/** Pessimistic locks and fulfilment. */
export function orderActionRoutes(app: RestApp, { commerce }: RouteDeps): void {
  defineRoute(app, lockOrder, async (c) => {
    if (queryText(c, 'lock') !== 'true') {
      throw invalidArgument('lock', 'must be true: POST on an order acquires its lock');
    }
    await readJson(c, true);
    const ttlSeconds = queryNumber(c, 'ttl_seconds');
    const lock = await commerce.orders.lock(
      operationContext(c),
      c.req.param('id') ?? '',
      ttlSeconds === undefined ? {} : { ttlSeconds },
    );
    return c.json(wireLock(lock), 200, { 'Cache-Control': 'no-store' });
  });

  defineRoute(app, unlockOrder, async (c) => {
    const token = c.req.header('x-lock-token') ?? '';
    await commerce.orders.unlock(operationContext(c), c.req.param('id') ?? '', token);
    return c.body(null, 204);
  });

  defineRoute(app, fulfilOrder, async (c) => {
    await readJson(c, true);
    const order = await commerce.orders.fulfil(operationContext(c), c.req.param('id') ?? '', {
      expectedVersion: optionalExpectedVersion(c.req.header('if-match')),
      lockToken: c.req.header('x-lock-token'),
    });
    return representation(c, order.version, wireOrder(order));
  });
}
