import { EVENT_TYPES, type EventQuery, type EventType } from '@commerce/core';
import { createRoute, z } from '@hono/zod-openapi';
import { queryNumber, queryText, waitSeconds } from '../http/query.js';
import { headers, problems } from '../openapi/components.js';
import { EventBatch } from '../openapi/schemas.js';
import { wireEvent } from '../wire.js';
import {
  defineRoute,
  longPollSignal,
  operationContext,
  type RestApp,
  type RouteDeps,
} from './define.js';

const listEvents = createRoute({
  method: 'get',
  path: '/api/v1/events',
  operationId: 'listEvents',
  tags: ['events'],
  summary: 'Read the event log after a sequence; `?wait=` long-polls for the next events',
  request: {
    query: z.object({
      after: z.number().int().min(0).optional().openapi({ description: 'Sequence to read after' }),
      order_id: z.string().optional(),
      types: z
        .string()
        .optional()
        .openapi({
          description: `Comma-separated: ${EVENT_TYPES.join(', ')}`,
        }),
      limit: z.number().int().min(1).max(1000).optional(),
      wait: z.number().min(0).optional().openapi({
        description: 'Long poll: answer once an event exists, or after this many seconds',
      }),
    }),
  },
  responses: {
    200: {
      description: 'Events in sequence order; continue with `after=next_sequence`',
      headers: headers('Link', 'Cache-Control'),
      content: { 'application/json': { schema: EventBatch } },
    },
    ...problems(400, 401, 403, 429, 504),
  },
});

/** The event log for polling and long-polling clients. */
export function eventRoutes(app: RestApp, deps: RouteDeps): void {
  defineRoute(app, listEvents, async (c) => {
    const types = queryText(c, 'types')?.split(',') as EventType[] | undefined;
    const query: EventQuery = {
      afterSequence: queryNumber(c, 'after'),
      orderId: queryText(c, 'order_id'),
      types,
      limit: queryNumber(c, 'limit'),
    };
    const wait = waitSeconds(c, deps.longPollMaxSeconds);
    const batch =
      wait > 0
        ? await deps.commerce.events.poll(operationContext(c, longPollSignal(c, deps)), {
            ...query,
            waitMs: wait * 1000,
          })
        : await deps.commerce.events.list(operationContext(c), query);
    const next = new URL(c.req.url);
    next.searchParams.set('after', String(batch.nextSequence));
    return c.json({ events: batch.events.map(wireEvent), next_sequence: batch.nextSequence }, 200, {
      'Cache-Control': 'no-store',
      Link: `<${next.pathname}${next.search}>; rel="next"`,
    });
  });
}
