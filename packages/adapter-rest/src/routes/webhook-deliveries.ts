import { createRoute, z } from '@hono/zod-openapi';
import { etagOf } from '../http/conditional.js';
import { readJson } from '../http/json-body.js';
import { listResponse, pageQuery } from '../http/query.js';
import { headers, problems } from '../openapi/components.js';
import {
  RotateSecretBody,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpointWithSecret,
  webhookEndpointIdParams,
} from '../openapi/webhook-schemas.js';
import { wireEndpointWithSecret, wireWebhookDelivery } from '../webhook-wire.js';
import { fromWire } from '../wire.js';
import { defineRoute, operationContext, type RestApp, type RouteDeps } from './define.js';

const PATH = '/api/v1/webhook-endpoints/{id}';
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const rotate = createRoute({
  method: 'post',
  path: `${PATH}/rotate-secret`,
  operationId: 'rotateWebhookSecret',
  tags: ['webhooks'],
  summary: 'New signing secret; the old one keeps signing for `overlap_seconds`',
  request: {
    params: webhookEndpointIdParams,
    body: { required: false, content: json(RotateSecretBody) },
  },
  responses: {
    200: {
      description: 'The endpoint with its new secret (shown once)',
      headers: headers('ETag', 'Cache-Control'),
      content: json(WebhookEndpointWithSecret),
    },
    ...problems(400, 401, 403, 404, 413, 415, 429),
  },
});

const deliveries = createRoute({
  method: 'get',
  path: `${PATH}/deliveries`,
  operationId: 'listWebhookDeliveries',
  tags: ['webhooks'],
  summary: 'The delivery log of an endpoint, newest first, with every attempt',
  request: {
    params: webhookEndpointIdParams,
    query: z.object({
      cursor: z.string().optional(),
      page: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of deliveries',
      headers: headers('Link', 'Cache-Control'),
      content: json(WebhookDeliveryList),
    },
    ...problems(400, 401, 403, 404, 429),
  },
});

const redeliver = createRoute({
  method: 'post',
  path: `${PATH}/deliveries/{delivery_id}/redeliver`,
  operationId: 'redeliverWebhook',
  tags: ['webhooks'],
  summary: 'Send a finished delivery again, with the same `webhook-id`',
  request: {
    params: webhookEndpointIdParams.extend({
      delivery_id: z.string().openapi({ param: { name: 'delivery_id', in: 'path' } }),
    }),
  },
  responses: {
    202: {
      description: 'Queued again (status `pending`)',
      headers: headers('Cache-Control'),
      content: json(WebhookDelivery),
    },
    ...problems(400, 401, 403, 404, 409, 429),
  },
});

/** Secret rotation, the delivery log and redelivery of a webhook endpoint. */
export function webhookDeliveryRoutes(app: RestApp, { commerce }: RouteDeps): void {
  defineRoute(app, rotate, async (c) => {
    const body = fromWire(await readJson(c, true), { overlap_seconds: 'overlapSeconds' });
    const id = c.req.param('id') ?? '';
    const rotated = await commerce.webhooks.rotateSecret(operationContext(c), id, body);
    return c.json(wireEndpointWithSecret(rotated), 200, {
      ETag: etagOf(rotated.endpoint.version),
      'Cache-Control': 'no-store',
    });
  });

  defineRoute(app, deliveries, async (c) => {
    const id = c.req.param('id') ?? '';
    const page = await commerce.webhooks.listDeliveries(operationContext(c), id, pageQuery(c));
    return listResponse(c, page, wireWebhookDelivery);
  });

  defineRoute(app, redeliver, async (c) => {
    const { id = '', delivery_id: deliveryId = '' } = c.req.param();
    const delivery = await commerce.webhooks.redeliver(operationContext(c), id, deliveryId);
    return c.json(wireWebhookDelivery(delivery), 202, { 'Cache-Control': 'no-store' });
  });
}
