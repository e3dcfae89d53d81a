import { EVENT_TYPES, WEBHOOK_DELIVERY_STATUSES } from '@commerce/core';
import { z } from '@hono/zod-openapi';

/** Wire schemas (snake_case) of webhook endpoints and deliveries. The core validates requests. */

const timestamp = z.iso.datetime();

export const webhookEndpointIdParams = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: 'whe_01jd5x0k3m8q2r7t9v4w6y8z0a' }),
});
const page = {
  next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor`; null at the end' }),
  page: z.number().int().nullable().openapi({ description: 'Set for page/limit requests' }),
  limit: z.number().int(),
};

export const WebhookEndpoint = z
  .object({
    id: z.string().openapi({ example: 'whe_01jd5x0k3m8q2r7t9v4w6y8z0a' }),
    customer_id: z
      .string()
      .nullable()
      .openapi({ description: 'Whose events it receives; null: every customer’s (admin only)' }),
    url: z.string().openapi({ example: 'https://hooks.example.com/commerce' }),
    event_types: z.array(z.enum(EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    consecutive_failures: z.number().int().min(0),
    created_after_sequence: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'Only events with a higher sequence are delivered' }),
    version: z.number().int().min(1),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('WebhookEndpoint');

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().openapi({
    description: 'Signing secret (`whsec_…`), shown only on creation and rotation',
  }),
}).openapi('WebhookEndpointWithSecret');

export const WebhookEndpointList = z
  .object({ data: z.array(WebhookEndpoint), ...page })
  .openapi('WebhookEndpointList');

export const WebhookAttempt = z
  .object({
    attempt: z.number().int().min(1),
    at: timestamp,
    status_code: z.number().int().nullable().openapi({ description: 'Null when no response' }),
    error: z.string().nullable(),
    latency_ms: z.number().int().min(0),
  })
  .openapi('WebhookAttempt');

export const WebhookDelivery = z
  .object({
    id: z.string().openapi({ description: 'The `webhook-id` header of every attempt' }),
    endpoint_id: z.string(),
    event_id: z.string(),
    event_sequence: z.number().int().min(1),
    event_type: z.enum(EVENT_TYPES),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int().min(0),
    last_status_code: z.number().int().nullable(),
    attempt_log: z.array(WebhookAttempt).optional(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('WebhookDelivery');

export const WebhookDeliveryList = z
  .object({ data: z.array(WebhookDelivery), ...page })
  .openapi('WebhookDeliveryList');

export const CreateWebhookEndpointBody = z
  .object({
    customer_id: z.string().optional().openapi({ description: 'Admin only: scope to a customer' }),
    url: z.string().openapi({ example: 'https://hooks.example.com/commerce' }),
    event_types: z.array(z.enum(EVENT_TYPES)).min(1),
  })
  .openapi('CreateWebhookEndpoint');

export const UpdateWebhookEndpointBody = z
  .object({
    url: z.string().optional(),
    event_types: z.array(z.enum(EVENT_TYPES)).min(1).optional(),
    enabled: z.boolean().optional().openapi({ description: 'true re-enables and resets failures' }),
  })
  .openapi('UpdateWebhookEndpoint');

export const RotateSecretBody = z
  .object({
    overlap_seconds: z.number().int().min(0).optional().openapi({
      description: 'How long the previous secret keeps signing beside the new one (default 86400)',
    }),
  })
  .openapi('RotateWebhookSecret');
