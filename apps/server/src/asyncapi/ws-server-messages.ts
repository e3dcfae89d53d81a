import { ERROR_CODES } from '@commerce/core';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const correlationId: Schema = {
  description: 'The `id` of the client message this answers, echoed',
  anyOf: [{ type: 'string' }, { type: 'number' }],
};
const subscription: Schema = { type: 'string', description: 'The subscription this belongs to' };

const frame = (type: string, properties: Schema, required: string[] = []): Schema => ({
  type: 'object',
  properties: { type: { const: type }, ...properties },
  required: ['type', ...required],
});

/**
 * The frames the server sends on `/api/v1/ws` (see packages/adapter-ws/README.md), as JSON
 * Schemas over the REST resource schemas. Checked against real frames by test/live.
 */
export const WS_SERVER_MESSAGES: Record<string, { summary: string; payload: Schema }> = {
  welcome: {
    summary: 'The connection is authenticated; the limits it must respect',
    payload: frame(
      'welcome',
      {
        id: correlationId,
        principal: {
          type: 'object',
          properties: {
            role: { enum: ['admin', 'customer'] },
            customer_id: { type: ['string', 'null'] },
          },
          required: ['role', 'customer_id'],
        },
        limits: {
          type: 'object',
          properties: {
            max_message_bytes: { type: 'integer' },
            max_subscriptions: { type: 'integer' },
            ping_interval_seconds: { type: 'number' },
            idle_timeout_seconds: { type: 'number' },
          },
        },
      },
      ['principal', 'limits'],
    ),
  },
  ack: {
    summary: 'A command succeeded (answers in the order commands were sent)',
    payload: frame(
      'ack',
      {
        id: correlationId,
        op: { type: 'string', description: 'The type of the command acknowledged' },
        subscription,
        payment_id: { type: 'string' },
        payment: ref('Payment'),
        progress: ref('PaymentJob'),
        replayed: { type: 'boolean' },
      },
      ['op'],
    ),
  },
  event: {
    summary: 'An event of a subscription: an element of `GET /api/v1/events`',
    payload: frame('event', { subscription, event: ref('Event') }, ['subscription', 'event']),
  },
  progress: {
    summary: 'The job of a watched payment moved',
    payload: frame(
      'progress',
      { subscription, payment_id: { type: 'string' }, progress: ref('PaymentJob') },
      ['subscription', 'payment_id', 'progress'],
    ),
  },
  payment: {
    summary: 'A watched payment settled; its subscription ends',
    payload: frame(
      'payment',
      { subscription, payment: ref('Payment'), progress: ref('PaymentJob') },
      ['subscription', 'payment'],
    ),
  },
  error: {
    summary: 'A command or a subscription failed; the socket stays open',
    payload: frame(
      'error',
      {
        id: correlationId,
        subscription: { ...subscription, description: 'Set when that subscription has ended' },
        code: { enum: [...ERROR_CODES] },
        message: { type: 'string' },
        request_id: { type: 'string' },
        field_violations: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, description: { type: 'string' } },
            required: ['field', 'description'],
          },
        },
        retry_after_ms: { type: 'integer' },
        current_version: { type: 'integer' },
        current_state: { type: 'string' },
        locked_until: { type: 'string', format: 'date-time' },
      },
      ['code', 'message', 'request_id'],
    ),
  },
  pong: {
    summary: 'The answer to a `ping` message',
    payload: frame('pong', { id: correlationId }),
  },
};
