import type { Commerce, EventQuery, OperationContext, Payment } from '@commerce/core';
import type { Outbox } from './outbox.js';
import { wireEvent, wirePayment, wireProgress } from './wire.js';

/** What a subscription's work needs besides its context. */
export interface StreamEnv {
  commerce: Commerce;
  outbox: Outbox;
  /** The subscription's name, carried by every frame it sends. */
  subscription: string;
}

/**
 * The log after `query.afterSequence`, then live, as `event` frames. The core's subscription is
 * pull-based and each send waits while the socket is backed up, so a slow client holds at most
 * one batch of the log plus the socket's high-water mark.
 */
export async function streamEvents(
  env: StreamEnv,
  ctx: OperationContext,
  query: EventQuery,
): Promise<void> {
  const { commerce, outbox, subscription } = env;
  for await (const event of commerce.events.subscribe(ctx, query)) {
    await outbox.send({ type: 'event', subscription, event: wireEvent(event) });
  }
}

const progressKey = (p: { percent: number; message: string | null; attempts: number }) =>
  `${p.percent}|${p.message ?? ''}|${p.attempts}`;

/**
 * A payment's job progress as `progress` frames (when it changes, re-read every `pollMs`) while
 * it is processing, then one `payment` frame with the outcome, which ends the subscription.
 * Like the gRPC PaymentSession: the progress poll is bounded by `waitForOutcome`, which also
 * wakes as soon as the payment changes.
 */
export async function watchPayment(
  env: StreamEnv,
  ctx: OperationContext,
  initial: Payment,
  pollMs: number,
): Promise<void> {
  const { commerce, outbox, subscription } = env;
  const { payments } = commerce;
  let seen = '';
  let payment = initial;
  while (payment.status === 'processing') {
    const progress = await payments.progress(ctx, payment.id);
    if (progressKey(progress) !== seen) {
      seen = progressKey(progress);
      await outbox.send({
        type: 'progress',
        subscription,
        payment_id: payment.id,
        progress: wireProgress(progress),
      });
    }
    payment = await payments.waitForOutcome(ctx, payment.id, pollMs);
  }
  const job = await payments.progress(ctx, payment.id);
  await outbox.send({
    type: 'payment',
    subscription,
    payment: wirePayment(payment),
    progress: wireProgress(job),
  });
}
