import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { OperationContext } from '../context.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../domain/webhook.js';
import { CommerceError, notFound } from '../errors.js';
import type { Repositories } from '../ports/store.js';
import { parseInput, schemas } from '../validation.js';
import { assertAdmin, assertCanAccess } from './access.js';

const eventTypes = z
  .array(schemas.eventType)
  .min(1)
  .transform((types) => [...new Set(types)]);

export const webhookSchemas = {
  create: z.object({
    customerId: schemas.customerId.optional(),
    url: schemas.webhookUrl,
    eventTypes,
  }),
  update: z.object({
    url: schemas.webhookUrl.optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional(),
    expectedVersion: schemas.version.optional(),
  }),
  list: z.object({
    customerId: schemas.customerId.optional(),
    cursor: z.string().max(512).optional(),
    page: z.number().optional(),
    limit: z.number().optional(),
  }),
  rotate: z.object({ overlapSeconds: z.number().int().min(0).optional() }),
};

/** An endpoint as callers see it: everything but its secrets. */
export type WebhookEndpointView = Omit<WebhookEndpoint, 'secrets'>;

/** A created or rotated endpoint with its new secret, shown this once. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpointView;
  secret: string;
}

/** A delivery with the log of its attempts. */
export interface WebhookDeliveryView extends WebhookDelivery {
  attemptLog: WebhookAttempt[];
}

export const viewOf = ({ secrets: _, ...endpoint }: WebhookEndpoint): WebhookEndpointView =>
  endpoint;

/** A fresh signing secret in the Standard Webhooks format. */
export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** The endpoint `id`, if the caller may manage it. */
export async function loadEndpoint(
  tx: Repositories,
  ctx: OperationContext,
  id: string,
): Promise<WebhookEndpoint> {
  const endpointId = parseInput(schemas.webhookEndpointId, id, 'id');
  const endpoint = await tx.webhookEndpoints.get(endpointId);
  if (!endpoint) throw notFound('webhook endpoint', endpointId);
  // An endpoint without owner receives every customer's events: only admins may touch it.
  if (endpoint.ownerCustomerId === null) assertAdmin(ctx, `manage webhook endpoint ${endpointId}`);
  else assertCanAccess(ctx, endpoint.ownerCustomerId, `webhook endpoint ${endpointId}`);
  return endpoint;
}

/** Writes `after` over `before` (compare-and-set on the version). */
export async function saveEndpoint(
  tx: Repositories,
  before: WebhookEndpoint,
  after: WebhookEndpoint,
): Promise<WebhookEndpoint> {
  if (!(await tx.webhookEndpoints.update(after, before.version))) {
    throw new CommerceError('version_mismatch', `webhook endpoint ${before.id} changed meanwhile`);
  }
  return after;
}

export function checkVersion(endpoint: WebhookEndpoint, expected: number | undefined): void {
  if (expected !== undefined && endpoint.version !== expected) {
    throw new CommerceError(
      'version_mismatch',
      `webhook endpoint ${endpoint.id} is at version ${endpoint.version}, not ${expected}`,
      { currentVersion: endpoint.version },
    );
  }
}
