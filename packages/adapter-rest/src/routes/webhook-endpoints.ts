import type { EventType } from '@commerce/core';
import { createRoute, z } from '@hono/zod-openapi';
import { expectedVersionOf, optionalExpectedVersion } from '../http/conditional.js';
import { readJson } from '../http/json-body.js';
import { listResponse, pageQuery, queryText } from '../http/query.js';
import { replayHeaders, representation } from '../http/representation.js';
import { headers, problems } from '../openapi/components.js';
import { idempotencyHeader, ifNoneMatchHeader, writePreconditions } from '../openapi/params.js';
import {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointWithSecret,
  webhookEndpointIdParams,
} from '../openapi/webhook-schemas.js';
import { wireEndpointWithSecret, wireWebhookEndpoint } from '../webhook-wire.js';
import { fromWire } from '../wire.js';
import { defineRoute, operationContext, type RestApp, type RouteDeps } from './define.js';
import { webhookDeliveryRoutes } from './webhook-deliveries.js';

const PATH = '/api/v1/webhook-endpoints';
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const route = (config: Parameters<typeof createRoute>[0]) =>
  createRoute({ tags: ['webhooks'], ...config });

const create = route({
  method: 'post',
  path: PATH,
  operationId: 'createWebhookEndpoint',
  summary: 'Subscribe a URL to event types; the answer holds its signing secret, shown once',
  request: {
    headers: idempotencyHeader,
    body: { required: true, content: json(CreateWebhookEndpointBody) },
  },
  responses: {
    201: {
      description: 'Created (or replayed, with `Idempotent-Replayed: true`)',
      headers: headers('Location', 'ETag', 'Cache-Control', 'Idempotent-Replayed'),
      content: json(WebhookEndpointWithSecret),
    },
    ...problems(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

const list = route({
  method: 'get',
  path: PATH,
  operationId: 'listWebhookEndpoints',
  summary: 'List webhook endpoints, newest first (a customer key sees its own)',
  request: {
    query: z.object({
      customer_id: z.string().optional().openapi({ description: 'Admin only, or your own id' }),
      cursor: z.string().optional(),
      page: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of endpoints',
      headers: headers('Link', 'Cache-Control'),
      content: json(WebhookEndpointList),
    },
    ...problems(400, 401, 403, 429),
  },
});

const get = route({
  method: 'get',
  path: `${PATH}/{id}`,
  operationId: 'getWebhookEndpoint',
  summary: 'Get a webhook endpoint (without its secret)',
  request: { params: webhookEndpointIdParams, headers: ifNoneMatchHeader },
  responses: {
    200: {
      description: 'The endpoint',
      headers: headers('ETag', 'Cache-Control'),
      content: json(WebhookEndpoint),
    },
    304: { description: 'Not modified', headers: headers('ETag', 'Cache-Control') },
    ...problems(400, 401, 403, 404, 429),
  },
});

const update = route({
  method: 'patch',
  path: `${PATH}/{id}`,
  operationId: 'updateWebhookEndpoint',
  summary: 'Change URL, event types or `enabled` (If-Match required)',
  request: {
    params: webhookEndpointIdParams,
    headers: writePreconditions(true).pick({ 'if-match': true }),
    body: { required: true, content: json(UpdateWebhookEndpointBody) },
  },
  responses: {
    200: {
      description: 'Updated',
      headers: headers('ETag', 'Cache-Control'),
      content: json(WebhookEndpoint),
    },
    ...problems(400, 401, 403, 404, 412, 413, 415, 428, 429),
  },
});

const remove = route({
  method: 'delete',
  path: `${PATH}/{id}`,
  operationId: 'deleteWebhookEndpoint',
  summary: 'Delete an endpoint and its delivery log (If-Match optional)',
  request: {
    params: webhookEndpointIdParams,
    headers: writePreconditions(false).pick({ 'if-match': true }),
  },
  responses: {
    204: { description: 'Deleted', headers: headers() },
    ...problems(400, 401, 403, 404, 412, 429),
  },
});

const BODY_NAMES = { customer_id: 'customerId', url: 'url', event_types: 'eventTypes' };

/** Webhook endpoints: create, list, get, update, delete; then rotation and deliveries. */
export function webhookEndpointRoutes(app: RestApp, deps: RouteDeps): void {
  const { commerce } = deps;

  defineRoute(app, create, async (c) => {
    const body = fromWire(await readJson(c), BODY_NAMES);
    const key = c.req.header('idempotency-key');
    const { value, replayed } = await commerce.webhooks.create(
      operationContext(c),
      body as { url: string; eventTypes: EventType[] },
      key,
    );
    return representation(c, value.endpoint.version, wireEndpointWithSecret(value), 201, {
      Location: `${PATH}/${value.endpoint.id}`,
      // The body holds the signing secret.
      'Cache-Control': 'no-store',
      ...replayHeaders(replayed),
    });
  });

  defineRoute(app, list, async (c) => {
    const input = { customerId: queryText(c, 'customer_id'), ...pageQuery(c) };
    const page = await commerce.webhooks.list(operationContext(c), input);
    return listResponse(c, page, wireWebhookEndpoint);
  });

  defineRoute(app, get, async (c) => {
    const endpoint = await commerce.webhooks.get(operationContext(c), c.req.param('id') ?? '');
    return representation(c, endpoint.version, wireWebhookEndpoint(endpoint));
  });

  defineRoute(app, update, async (c) => {
    const expectedVersion = expectedVersionOf(c.req.header('if-match'));
    const body = fromWire(await readJson(c), { ...BODY_NAMES, enabled: 'enabled' });
    const { customerId: _, ...changes } = body;
    const endpoint = await commerce.webhooks.update(operationContext(c), c.req.param('id') ?? '', {
      ...changes,
      expectedVersion,
    });
    return representation(c, endpoint.version, wireWebhookEndpoint(endpoint));
  });

  defineRoute(app, remove, async (c) => {
    const expected = optionalExpectedVersion(c.req.header('if-match'));
    await commerce.webhooks.delete(operationContext(c), c.req.param('id') ?? '', expected);
    return c.body(null, 204);
  });

  webhookDeliveryRoutes(app, deps);
}
