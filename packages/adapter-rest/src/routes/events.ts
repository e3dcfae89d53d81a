import { EVENT_TYPES, type EventQuery, type EventType, invalidArgument } from '@commerce/core';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RestEnv } from '../env.js';
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
import { eventStream, SSE_RETRY_MS } from './event-stream.js';
import { SseHub } from './sse-hub.js';

const listEvents = createRoute({
  method: 'get',
  path: '/api/v1/events',
  operationId: 'listEvents',
  tags: ['events'],
  summary:
    'Read the event log after a sequence; `?wait=` long-polls; `Accept: text/event-stream` streams it (SSE)',
  request: {
    query: z.object({
      after: z.number().int().min(0).optional().openapi({ description: 'Sequence to read after' }),
      last_event_id: z.number().int().min(0).optional().openapi({
        description: 'SSE: sequence to resume after, for clients that cannot send Last-Event-ID',
      }),
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
    headers: z.object({
      'Last-Event-ID': z.string().optional().openapi({
        description:
          'SSE: the `id` (sequence) of the last event received; the stream resumes after it (wins over `after` and `last_event_id`)',
      }),
    }),
  },
  responses: {
    200: {
      description:
        'JSON: events in sequence order; continue with `after=next_sequence`. ' +
        'SSE (`Accept: text/event-stream`): a `retry:` hint, then per event `id: <sequence>`, ' +
        '`event: <type>`, `data: <Event JSON>`, and `: keep-alive` comments while idle; ' +
        'the stream holds one of the API key’s stream slots (429 when none is left)',
      headers: headers('Link', 'Cache-Control'),
      content: {
        'application/json': { schema: EventBatch },
        'text/event-stream': {
          schema: z.string().openapi({
            example: `retry: ${SSE_RETRY_MS}\n\nid: 1\nevent: order.created\ndata: {"sequence":1,"type":"order.created"}\n\n`,
          }),
        },
      },
    },
    ...problems(400, 401, 403, 429, 504),
  },
});

/** What the event routes need beyond the shared route deps. */
export interface EventRouteDeps extends RouteDeps {
  /** Seconds between `: keep-alive` comments on an idle SSE stream. */
  sseHeartbeatSeconds: number;
}

const wantsEventStream = (c: Context<RestEnv>) =>
  (c.req.header('accept') ?? '').toLowerCase().includes('text/event-stream');

/** Where an SSE stream resumes: `Last-Event-ID` (sent by reconnecting clients), else the query. */
function resumeSequence(c: Context<RestEnv>): number | undefined {
  const header = c.req.header('last-event-id')?.trim();
  if (header === undefined || header === '') {
    return queryNumber(c, 'last_event_id') ?? queryNumber(c, 'after');
  }
  if (!/^\d{1,15}$/.test(header)) {
    throw invalidArgument('Last-Event-ID', 'must be the id (sequence) of an event');
  }
  return Number(header);
}

/** The event log for polling, long-polling and SSE clients. */
export function eventRoutes(app: RestApp, deps: EventRouteDeps): void {
  // One heartbeat timer and one shutdown listener for every open stream, not one per stream.
  const hub = new SseHub(deps.sseHeartbeatSeconds * 1000, deps.shutdownSignal);

  const filterQuery = (c: Context<RestEnv>): EventQuery => ({
    orderId: queryText(c, 'order_id'),
    types: queryText(c, 'types')?.split(',') as EventType[] | undefined,
    limit: queryNumber(c, 'limit'),
  });

  function streamEvents(c: Context<RestEnv>): Response {
    const ctx = operationContext(c);
    const query = { ...filterQuery(c), afterSequence: resumeSequence(c) };
    return eventStream(
      c,
      hub,
      (sink) => deps.commerce.events.follow(ctx, query, sink),
      () => deps.commerce.streams.open(ctx),
    );
  }

  defineRoute(app, listEvents, async (c) => {
    if (wantsEventStream(c)) return streamEvents(c);
    const query: EventQuery = { ...filterQuery(c), afterSequence: queryNumber(c, 'after') };
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
