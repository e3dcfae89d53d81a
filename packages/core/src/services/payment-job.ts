import { z } from 'zod';
import type { EventType } from '../domain/event.js';
import type { Job } from '../domain/job.js';
import { transitionOrder } from '../domain/order.js';
import { type Payment, transitionPayment } from '../domain/payment.js';
import { newId } from '../ids.js';
import { PermanentJobError } from '../jobs/job-errors.js';
import type { JobHandler } from '../jobs/job-handler.js';
import type { Repositories } from '../ports/store.js';
import { type CoreDeps, isoAt } from './deps.js';
import { appendOrderEvent } from './orders.js';
import { chargeCard } from './payment-processor.js';

export const PAYMENT_JOB = 'payment.process';

const payloadSchema = z.object({ paymentId: z.string(), traceparent: z.string().nullable() });

export async function appendPaymentEvent(
  tx: Repositories,
  traceparent: string | null,
  payment: Payment,
  type: EventType,
  now: number,
): Promise<void> {
  await tx.events.append({
    id: newId('evt', now),
    type,
    customerId: payment.customerId,
    orderId: payment.orderId,
    paymentId: payment.id,
    data: { payment },
    traceparent,
    occurredAt: isoAt(now),
  });
}

/**
 * Processes one payment. The processor call is free of side effects, so a job whose worker died
 * mid-way is simply run again; the outcome, the order's move to `paid` and their events are
 * written once, in the transaction that completes the job.
 */
export function createPaymentJobHandler(deps: CoreDeps): JobHandler {
  const { clock, settings } = deps;

  function payloadOf(job: Job) {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError(`malformed payload for job ${job.id}`);
    return parsed.data;
  }

  /** Moves a still-processing payment to failed, with its event. */
  async function failPayment(tx: Repositories, job: Job, failureCode: string): Promise<void> {
    const { paymentId, traceparent } = payloadOf(job);
    const payment = await tx.payments.get(paymentId);
    if (payment?.status !== 'processing') return;
    const now = clock.now();
    const failed = transitionPayment(payment, 'failed', isoAt(now), failureCode);
    await tx.payments.update(failed, payment.version);
    await appendPaymentEvent(tx, traceparent, failed, 'payment.failed', now);
  }

  return {
    async run(job, run) {
      const { paymentId, traceparent } = payloadOf(job);
      const payment = await deps.store.payments.get(paymentId);
      if (payment?.status !== 'processing') {
        await run.complete(async () => {});
        return;
      }
      const result = await chargeCard({
        method: payment.paymentMethod,
        attempt: job.attempts,
        slowSeconds: settings.payments.slowSeconds,
        signal: run.signal,
        progress: (percent, message) => run.progress(percent, message),
      });
      await run.complete(async (tx) => {
        const current = await tx.payments.get(paymentId);
        if (current?.status !== 'processing') return;
        if (result.outcome === 'declined') {
          await failPayment(tx, job, result.failureCode);
          return;
        }
        const order = await tx.orders.get(current.orderId);
        if (order?.status !== 'pending') {
          await failPayment(tx, job, 'order_not_payable');
          return;
        }
        const now = clock.now();
        const succeeded = transitionPayment(current, 'succeeded', isoAt(now));
        await tx.payments.update(succeeded, current.version);
        await appendPaymentEvent(tx, traceparent, succeeded, 'payment.succeeded', now);
        const paid = transitionOrder(order, 'paid', isoAt(now));
        await tx.orders.update(paid, order.version);
        await appendOrderEvent(tx, traceparent, paid, 'order.updated', now);
      });
    },
    onFailed: (job, tx) => failPayment(tx, job, 'processor_unavailable'),
    onCancelled: (job, tx) => failPayment(tx, job, 'canceled'),
  };
}
