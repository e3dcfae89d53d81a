import { type OperationContext, throwIfAborted } from '../context.js';
import type { WebhookDelivery, WebhookEndpoint } from '../domain/webhook.js';
import { CommerceError, invalidArgument, notFound } from '../errors.js';
import { parseInput, schemas } from '../validation.js';
import { type CoreDeps, commit, isoAt } from './deps.js';
import { type Page, type PageInput, toPage, toPageRequest } from './pagination.js';
import { enqueueDelivery } from './webhook-job.js';
import {
  loadEndpoint,
  newSecret,
  saveEndpoint,
  viewOf,
  type WebhookDeliveryView,
  type WebhookEndpointWithSecret,
  webhookSchemas,
} from './webhook-support.js';

const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

/** Secret rotation, the delivery log and manual redelivery of an endpoint. */
export function createWebhookDeliveryService(deps: CoreDeps) {
  const { store, clock, settings } = deps;

  return {
    /**
     * A new secret signs from now on; the previous ones keep signing beside it for
     * `overlapSeconds` (default 24 h), so receivers can switch without missing a delivery.
     */
    async rotateSecret(
      ctx: OperationContext,
      id: string,
      input: { overlapSeconds?: number } = {},
    ): Promise<WebhookEndpointWithSecret> {
      const data = parseInput(webhookSchemas.rotate, input);
      const overlap = data.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
      const max = settings.webhooks.maxOverlapSeconds;
      if (overlap > max) throw invalidArgument('overlapSeconds', `must be at most ${max}`);
      throwIfAborted(ctx.signal);
      return commit(deps, async (tx) => {
        const endpoint = await loadEndpoint(tx, ctx, id);
        const now = clock.now();
        const until = now + overlap * 1000;
        const previous = endpoint.secrets
          .map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt ?? until, until) }))
          .filter((s) => s.expiresAt > now);
        const secret = newSecret();
        const next: WebhookEndpoint = {
          ...endpoint,
          secrets: [{ secret, expiresAt: null }, ...previous],
          version: endpoint.version + 1,
          updatedAt: isoAt(now),
        };
        return { endpoint: viewOf(await saveEndpoint(tx, endpoint, next)), secret };
      });
    },

    /** An endpoint's deliveries, newest first, each with its attempt log. */
    async listDeliveries(
      ctx: OperationContext,
      id: string,
      input: PageInput = {},
    ): Promise<Page<WebhookDeliveryView>> {
      const endpoint = await loadEndpoint(store, ctx, id);
      const request = toPageRequest(input, settings.pagination);
      throwIfAborted(ctx.signal);
      const page = toPage(await store.webhookDeliveries.list(endpoint.id, request), request);
      const attempts = await store.webhookDeliveries.listAttempts(page.items.map((d) => d.id));
      const items = page.items.map((delivery) => ({
        ...delivery,
        attemptLog: attempts.filter((a) => a.deliveryId === delivery.id),
      }));
      return { ...page, items };
    },

    /** Sends a finished delivery again, with the same `webhook-id`. */
    async redeliver(
      ctx: OperationContext,
      id: string,
      deliveryId: string,
    ): Promise<WebhookDelivery> {
      const msgId = parseInput(schemas.webhookDeliveryId, deliveryId, 'deliveryId');
      throwIfAborted(ctx.signal);
      return commit(deps, async (tx) => {
        const endpoint = await loadEndpoint(tx, ctx, id);
        const delivery = await tx.webhookDeliveries.get(msgId);
        if (delivery?.endpointId !== endpoint.id) throw notFound('webhook delivery', msgId);
        if (!endpoint.enabled) {
          throw new CommerceError('invalid_state', `endpoint ${endpoint.id} is disabled`, {
            currentState: 'disabled',
          });
        }
        if (delivery.status === 'pending') {
          throw new CommerceError('invalid_state', `delivery ${msgId} is still pending`, {
            currentState: delivery.status,
          });
        }
        const next = await enqueueDelivery(deps, tx, delivery, clock.now());
        await tx.webhookDeliveries.update(next);
        return next;
      });
    },
  };
}
