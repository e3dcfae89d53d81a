import { EVENT_TYPES } from '@commerce/core';
import { WS_SERVER_MESSAGES } from './ws-server-messages.js';

type Schema = Record<string, unknown>;

export interface AsyncApiInputs {
  /** `host:port` the document's servers point at (the one the client asked). */
  host: string;
  /** The REST API's component schemas (Event, Order, Payment, PaymentJob, …): one source of truth. */
  resourceSchemas: Record<string, unknown>;
  /** JSON Schemas of the WebSocket client messages, by `type` (from the adapter's validators). */
  wsClientMessages: Record<string, Schema>;
}

const ref = (path: string) => ({ $ref: path });
const messageName = (type: string) =>
  type.replace(/(^|[.])(\w)/g, (_, __, letter: string) => letter.toUpperCase());

const sseEvent = {
  name: 'event',
  title: 'A log event',
  summary:
    'One event per SSE message: `id:` is the sequence (resume with `Last-Event-ID`), `event:` the type, `data:` the event JSON. Heartbeats are `: keep-alive` comments.',
  contentType: 'application/json',
  payload: ref('#/components/schemas/Event'),
};

const webhookDelivery = {
  name: 'webhookDelivery',
  title: 'A webhook delivery',
  summary:
    'POSTed to each subscribed endpoint, signed per Standard Webhooks; retried with backoff until a 2xx. Verify with `verifyWebhook` from @commerce/webhooks.',
  contentType: 'application/json',
  headers: {
    type: 'object',
    properties: {
      'webhook-id': { type: 'string', description: 'Stable across retries: deduplicate on it' },
      'webhook-timestamp': { type: 'string', description: 'Unix seconds of this attempt' },
      'webhook-signature': {
        type: 'string',
        description:
          'Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret',
      },
      traceparent: { type: 'string', description: 'W3C trace context of the originating request' },
    },
    required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  },
  payload: {
    type: 'object',
    properties: {
      type: { enum: [...EVENT_TYPES] },
      timestamp: { type: 'string', format: 'date-time' },
      data: ref('#/components/schemas/Event'),
    },
    required: ['type', 'timestamp', 'data'],
  },
};

/**
 * The AsyncAPI 3 document of the push channels: SSE on `/api/v1/events`, the WebSocket API on
 * `/api/v1/ws` and outgoing webhooks. Built from the same schemas the adapters validate and
 * serialize with, so the document follows the code.
 */
export function buildAsyncApiDocument(inputs: AsyncApiInputs): Schema {
  const wsClient = Object.fromEntries(
    Object.entries(inputs.wsClientMessages).map(([type, payload]) => [
      `ws${messageName(type)}`,
      { name: type, title: `Client: ${type}`, contentType: 'application/json', payload },
    ]),
  );
  const wsServer = Object.fromEntries(
    Object.entries(WS_SERVER_MESSAGES).map(([type, { summary, payload }]) => [
      `ws${messageName(type)}Frame`,
      { name: type, title: `Server: ${type}`, summary, contentType: 'application/json', payload },
    ]),
  );
  const refs = (names: string[]) =>
    Object.fromEntries(names.map((name) => [name, ref(`#/components/messages/${name}`)]));
  const channelMessages = (channel: string, names: string[]) =>
    names.map((name) => ref(`#/channels/${channel}/messages/${name}`));

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Commerce push channels',
      version: '1.0.0',
      description:
        'Every channel reads the one event log: the same events, in the same order, each carrying its global gap-free `sequence`, resumable from any sequence. A customer key receives only its own events. Authenticate with `Authorization: Bearer <api key>`.',
    },
    servers: {
      http: {
        host: inputs.host,
        protocol: 'http',
        description: 'REST, SSE and long polling',
        security: [ref('#/components/securitySchemes/apiKey')],
      },
      ws: {
        host: inputs.host,
        protocol: 'ws',
        description: 'The WebSocket API (or the key in a first `auth` message)',
        security: [ref('#/components/securitySchemes/apiKey')],
      },
    },
    defaultContentType: 'application/json',
    channels: {
      events: {
        address: '/api/v1/events',
        title: 'Server-Sent Events',
        description:
          'GET with `Accept: text/event-stream`. Query: `after` or `last_event_id` (or the `Last-Event-ID` header), `order_id`, `types` (comma-separated). Without that Accept header the same path long-polls: `?after=<seq>&wait=<s>`.',
        servers: [ref('#/servers/http')],
        messages: { event: ref('#/components/messages/sseEvent') },
      },
      ws: {
        address: '/api/v1/ws',
        title: 'WebSocket API',
        description:
          'JSON text frames; the protocol, close codes and limits are in packages/adapter-ws/README.md.',
        servers: [ref('#/servers/ws')],
        messages: refs([...Object.keys(wsClient), ...Object.keys(wsServer)]),
      },
      webhooks: {
        address: null,
        title: 'Webhook deliveries',
        description:
          'The URL of each endpoint registered at `/api/v1/webhook-endpoints`, for its event types.',
        messages: { delivery: ref('#/components/messages/webhookDelivery') },
      },
    },
    operations: {
      streamEvents: {
        action: 'send',
        channel: ref('#/channels/events'),
        summary: 'The server streams log events to an SSE client',
        messages: channelMessages('events', ['event']),
      },
      receiveWsCommands: {
        action: 'receive',
        channel: ref('#/channels/ws'),
        summary: 'Commands a WebSocket client sends',
        messages: channelMessages('ws', Object.keys(wsClient)),
      },
      sendWsFrames: {
        action: 'send',
        channel: ref('#/channels/ws'),
        summary: 'Frames the server sends on the WebSocket',
        messages: channelMessages('ws', Object.keys(wsServer)),
      },
      deliverWebhook: {
        action: 'send',
        channel: ref('#/channels/webhooks'),
        summary: 'The server POSTs each matching event to each subscribed endpoint',
        messages: channelMessages('webhooks', ['delivery']),
      },
    },
    components: {
      schemas: inputs.resourceSchemas,
      messages: { sseEvent, webhookDelivery, ...wsClient, ...wsServer },
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key, e.g. `Authorization: Bearer sk_test_alice`',
        },
      },
    },
  };
}
