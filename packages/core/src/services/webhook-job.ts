import { z } from 'zod';
import type { Job } from '../domain/job.js';
import { liveSecrets, type WebhookDelivery } from '../domain/webhook.js';
import { newId } from '../ids.js';
import { PermanentJobError, TransientJobError } from '../jobs/job-errors.js';
import type { JobHandler } from '../jobs/job-handler.js';
import type { Repositories } from '../ports/store.js';
import type { WebhookResponse, WebhookTransport } from '../ports/webhooks.js';
import { type CoreDeps, commit, isoAt } from './deps.js';

export const WEBHOOK_JOB = 'webhook.deliver';

const payloadSchema = z.object({ deliveryId: z.string() });

/** Enqueues the job that sends `delivery` (made pending) and returns the delivery with its job. */
export async function enqueueDelivery(
  deps: CoreDeps,
  tx: Repositories,
  delivery: WebhookDelivery,
  now: number,
): Promise<WebhookDelivery> {
  const job = await tx.jobs.enqueue({
    id: newId('job', now),
    type: WEBHOOK_JOB,
    payload: { deliveryId: delivery.id },
    maxAttempts: deps.settings.webhooks.maxAttempts,
    runAt: now,
    createdAt: isoAt(now),
  });
  return { ...delivery, status: 'pending', jobId: job.id, updatedAt: isoAt(now) };
}

const succeeded = (response: WebhookResponse) =>
  response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;

const describe = (response: WebhookResponse) =>
  response.error ?? `the endpoint answered ${response.statusCode}`;

/**
 * Sends one delivery per attempt; a non-2xx answer or an error is retried by the job worker with
 * this handler's backoff. Every attempt is logged, and counts towards disabling its endpoint.
 */
export function createWebhookJobHandler(deps: CoreDeps, transport: WebhookTransport): JobHandler {
  const { store, clock, settings } = deps;

  /** Logs the attempt and its effect on the endpoint; returns whether the endpoint is disabled. */
  async function record(tx: Repositories, delivery: WebhookDelivery, response: WebhookResponse) {
    const now = clock.now();
    const ok = succeeded(response);
    const current = await tx.webhookDeliveries.get(delivery.id);
    // Deleted with its endpoint meanwhile: nothing left to log against.
    if (!current) return true;
    const attempt = current.attempts + 1;
    await tx.webhookDeliveries.addAttempt({
      deliveryId: delivery.id,
      attempt,
      at: isoAt(now),
      statusCode: response.statusCode,
      error: response.error,
      latencyMs: response.latencyMs,
    });
    await tx.webhookDeliveries.update({
      ...current,
      attempts: attempt,
      lastStatusCode: response.statusCode,
      status: ok ? 'succeeded' : current.status,
      updatedAt: isoAt(now),
    });
    const endpoint = await tx.webhookEndpoints.get(delivery.endpointId);
    if (!endpoint) return true;
    const failures = ok ? 0 : endpoint.consecutiveFailures + 1;
    const disable = endpoint.enabled && failures >= settings.webhooks.disableAfterFailures;
    if (failures !== endpoint.consecutiveFailures || disable) {
      const next = disable
        ? {
            ...endpoint,
            enabled: false,
            disabledReason: `disabled after ${failures} failed attempts in a row`,
            version: endpoint.version + 1,
            updatedAt: isoAt(now),
          }
        : endpoint;
      await tx.webhookEndpoints.update(
        { ...next, consecutiveFailures: failures },
        endpoint.version,
      );
    }
    return !(endpoint.enabled && !disable);
  }

  async function giveUp(job: Job, tx: Repositories): Promise<void> {
    const { deliveryId } = payloadSchema.parse(job.payload);
    const delivery = await tx.webhookDeliveries.get(deliveryId);
    if (delivery?.status !== 'pending' || delivery.jobId !== job.id) return;
    await tx.webhookDeliveries.update({
      ...delivery,
      status: 'failed',
      updatedAt: isoAt(clock.now()),
    });
  }

  return {
    backoff: { baseMs: settings.webhooks.retryBaseMs, maxMs: settings.webhooks.retryMaxMs },
    async run(job, run) {
      const parsed = payloadSchema.safeParse(job.payload);
      if (!parsed.success) throw new PermanentJobError(`malformed payload for job ${job.id}`);
      const delivery = await store.webhookDeliveries.get(parsed.data.deliveryId);
      const endpoint = delivery && (await store.webhookEndpoints.get(delivery.endpointId));
      if (!delivery || !endpoint || delivery.status !== 'pending' || delivery.jobId !== job.id) {
        await run.complete(async () => {});
        return;
      }
      if (!endpoint.enabled) throw new PermanentJobError(`endpoint ${endpoint.id} is disabled`);
      const [event] = await store.events.readAfter(delivery.eventSequence - 1, {}, 1);
      if (!event) throw new PermanentJobError(`event ${delivery.eventId} is not in the log`);
      const now = clock.now();
      const response = await transport.send({
        url: endpoint.url,
        messageId: delivery.id,
        timestamp: Math.floor(now / 1000),
        event,
        secrets: liveSecrets(endpoint, now),
        traceparent: event.traceparent,
        timeoutMs: settings.webhooks.timeoutMs,
        signal: run.signal,
      });
      // Cut short by shutdown or cancellation: not the receiver's failure, so not logged.
      if (run.signal.aborted) throw new TransientJobError('attempt aborted');
      if (succeeded(response)) {
        await run.complete((tx) => record(tx, delivery, response));
        return;
      }
      const disabled = await commit(deps, (tx) => record(tx, delivery, response));
      if (disabled) throw new PermanentJobError(`${describe(response)}; endpoint disabled`);
      throw new TransientJobError(describe(response));
    },
    onFailed: giveUp,
    onCancelled: giveUp,
  };
}
