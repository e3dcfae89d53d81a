import type { z } from 'zod';
import { type OperationContext, throwIfAborted } from '../context.js';
import type { WebhookEndpoint } from '../domain/webhook.js';
import { newId } from '../ids.js';
import type { WebhookTargetPolicy } from '../ports/webhooks.js';
import { parseInput, schemas } from '../validation.js';
import { assertCanAccess, scopeCustomer } from './access.js';
import { type CoreDeps, commit, isoAt } from './deps.js';
import { runIdempotent, type WriteResult } from './idempotency.js';
import { type Page, type PageInput, toPage, toPageRequest } from './pagination.js';
import { createWebhookDeliveryService } from './webhook-deliveries.js';
import {
  checkVersion,
  loadEndpoint,
  newSecret,
  saveEndpoint,
  viewOf,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  webhookSchemas,
} from './webhook-support.js';

export type CreateWebhookEndpointInput = z.input<typeof webhookSchemas.create>;
export type UpdateWebhookEndpointInput = z.input<typeof webhookSchemas.update>;
export type ListWebhookEndpointsInput = z.input<typeof webhookSchemas.list> & PageInput;

/**
 * Webhook endpoints: a customer manages its own, which receive its events only; an admin
 * manages all, and an endpoint it makes without `customerId` receives every customer's events.
 */
export function createWebhookEndpointService(deps: CoreDeps, policy: WebhookTargetPolicy) {
  const { store, clock, settings } = deps;

  return {
    /** Creates an endpoint; its signing secret is returned here and on rotation only. */
    async create(
      ctx: OperationContext,
      input: CreateWebhookEndpointInput,
      idempotencyKey?: string,
    ): Promise<WriteResult<WebhookEndpointWithSecret>> {
      const data = parseInput(webhookSchemas.create, input);
      const owner = data.customerId ?? ctx.principal.customerId;
      if (owner !== null) assertCanAccess(ctx, owner, `customer ${owner}`);
      await policy.check(data.url);
      throwIfAborted(ctx.signal);
      const request = { ...data, customerId: owner };
      return runIdempotent(deps, ctx, 'webhooks.create', idempotencyKey, request, async (tx) => {
        const now = clock.now();
        const secret = newSecret();
        const endpoint: WebhookEndpoint = {
          id: newId('whe', now),
          ownerCustomerId: owner,
          url: data.url,
          eventTypes: data.eventTypes,
          enabled: true,
          disabledReason: null,
          secrets: [{ secret, expiresAt: null }],
          consecutiveFailures: 0,
          createdAfterSequence: await tx.events.head(),
          version: 1,
          createdAt: isoAt(now),
          updatedAt: isoAt(now),
        };
        await tx.webhookEndpoints.insert(endpoint);
        return { endpoint: viewOf(endpoint), secret };
      });
    },

    async get(ctx: OperationContext, id: string): Promise<WebhookEndpointView> {
      throwIfAborted(ctx.signal);
      return viewOf(await loadEndpoint(store, ctx, id));
    },

    async list(
      ctx: OperationContext,
      input: ListWebhookEndpointsInput = {},
    ): Promise<Page<WebhookEndpointView>> {
      const query = parseInput(webhookSchemas.list, input);
      const ownerCustomerId = scopeCustomer(ctx, query.customerId);
      const request = toPageRequest(query, settings.pagination);
      throwIfAborted(ctx.signal);
      const rows = await store.webhookEndpoints.list({ ownerCustomerId }, request);
      const page = toPage(rows, request);
      return { ...page, items: page.items.map(viewOf) };
    },

    /** Changes the URL, the event types or `enabled`; enabling clears the failure count. */
    async update(
      ctx: OperationContext,
      id: string,
      input: UpdateWebhookEndpointInput,
    ): Promise<WebhookEndpointView> {
      const data = parseInput(webhookSchemas.update, input);
      if (data.url !== undefined) await policy.check(data.url);
      throwIfAborted(ctx.signal);
      return commit(deps, async (tx) => {
        const endpoint = await loadEndpoint(tx, ctx, id);
        checkVersion(endpoint, data.expectedVersion);
        const enabled = data.enabled ?? endpoint.enabled;
        const switched = enabled !== endpoint.enabled;
        const next: WebhookEndpoint = {
          ...endpoint,
          url: data.url ?? endpoint.url,
          eventTypes: data.eventTypes ?? endpoint.eventTypes,
          enabled,
          disabledReason: enabled
            ? null
            : switched
              ? 'disabled on request'
              : endpoint.disabledReason,
          consecutiveFailures: switched && enabled ? 0 : endpoint.consecutiveFailures,
          version: endpoint.version + 1,
          updatedAt: isoAt(clock.now()),
        };
        return viewOf(await saveEndpoint(tx, endpoint, next));
      });
    },

    /** Deletes the endpoint with its delivery log; its pending deliveries are dropped. */
    async delete(ctx: OperationContext, id: string, expectedVersion?: number): Promise<void> {
      const expected = parseInput(schemas.version.optional(), expectedVersion, 'expectedVersion');
      throwIfAborted(ctx.signal);
      await commit(deps, async (tx) => {
        const endpoint = await loadEndpoint(tx, ctx, id);
        checkVersion(endpoint, expected);
        await tx.webhookEndpoints.delete(endpoint.id);
      });
    },
  };
}

/** Endpoint management, secret rotation, the delivery log and redelivery, as one service. */
export function createWebhookService(deps: CoreDeps, policy: WebhookTargetPolicy) {
  return Object.assign(
    createWebhookEndpointService(deps, policy),
    createWebhookDeliveryService(deps),
  );
}

export type WebhookService = ReturnType<typeof createWebhookService>;
