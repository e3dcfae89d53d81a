import { z } from 'zod';
import { formatTraceparent, type OperationContext, throwIfAborted } from '../context.js';
import type { Job } from '../domain/job.js';
import { type Payment, transitionPayment } from '../domain/payment.js';
import { CommerceError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Repositories } from '../ports/store.js';
import { parseInput, schemas } from '../validation.js';
import { assertCanAccess, canAccess, scopeCustomer } from './access.js';
import { type CoreDeps, commit, isoAt } from './deps.js';
import { runIdempotent, type WriteResult } from './idempotency.js';
import { waitForLogGrowth } from './log-growth.js';
import { type Page, type PageInput, toPage, toPageRequest } from './pagination.js';
import { appendPaymentEvent, PAYMENT_JOB } from './payment-job.js';

const createSchema = z.object({ orderId: schemas.orderId, paymentMethod: schemas.paymentMethod });
const listSchema = z.object({
  orderId: schemas.orderId.optional(),
  customerId: schemas.customerId.optional(),
  status: schemas.paymentStatus.optional(),
  cursor: z.string().max(512).optional(),
  page: z.number().optional(),
  limit: z.number().optional(),
});

export type CreatePaymentInput = z.input<typeof createSchema>;
export type ListPaymentsInput = z.input<typeof listSchema> & PageInput;

/** The processing job of a payment, as callers may see it. */
export interface PaymentProgress {
  jobId: string;
  status: Job['status'];
  attempts: number;
  percent: number;
  message: string | null;
}

export function createPaymentService(deps: CoreDeps) {
  const { store, clock, settings } = deps;

  async function load(tx: Repositories, ctx: OperationContext, id: string): Promise<Payment> {
    const paymentId = parseInput(schemas.paymentId, id, 'id');
    const payment = await tx.payments.get(paymentId);
    if (!payment) throw notFound('payment', paymentId);
    assertCanAccess(ctx, payment.customerId, `payment ${paymentId}`);
    return payment;
  }

  return {
    /** Accepts a payment at once in `processing`; a durable job charges the card. */
    async create(
      ctx: OperationContext,
      input: CreatePaymentInput,
      idempotencyKey?: string,
    ): Promise<WriteResult<Payment>> {
      const data = parseInput(createSchema, input);
      throwIfAborted(ctx.signal);
      return runIdempotent(deps, ctx, 'payments.create', idempotencyKey, data, async (tx) => {
        const order = await tx.orders.get(data.orderId);
        if (!order) throw notFound('order', data.orderId);
        assertCanAccess(ctx, order.customerId, `order ${order.id}`);
        if (order.status !== 'pending') {
          throw new CommerceError(
            'invalid_state',
            `order ${order.id} is ${order.status}; only pending orders can be paid`,
            {
              currentState: order.status,
            },
          );
        }
        const existing = await tx.payments.listByOrderIds([order.id]);
        if (existing.some((p) => p.status === 'processing' || p.status === 'succeeded')) {
          throw new CommerceError(
            'invalid_state',
            `order ${order.id} already has a payment in progress or paid`,
            {
              currentState: order.status,
            },
          );
        }
        const now = clock.now();
        const traceparent = formatTraceparent(ctx.trace);
        const paymentId = newId('pay', now);
        const job = await tx.jobs.enqueue({
          id: newId('job', now),
          type: PAYMENT_JOB,
          payload: { paymentId, traceparent },
          maxAttempts: settings.payments.maxAttempts,
          runAt: now,
          createdAt: isoAt(now),
        });
        const payment: Payment = {
          id: paymentId,
          orderId: order.id,
          customerId: order.customerId,
          amount: order.amount,
          currency: order.currency,
          paymentMethod: data.paymentMethod,
          status: 'processing',
          failureCode: null,
          jobId: job.id,
          version: 1,
          createdAt: isoAt(now),
          updatedAt: isoAt(now),
        };
        await tx.payments.insert(payment);
        await appendPaymentEvent(tx, traceparent, payment, 'payment.processing', now);
        return payment;
      });
    },

    async get(ctx: OperationContext, id: string): Promise<Payment> {
      throwIfAborted(ctx.signal);
      return load(store, ctx, id);
    },

    /** Payments by id at once (for batch loaders); unknown ids and others' payments are left out. */
    async getMany(ctx: OperationContext, ids: readonly string[]): Promise<Payment[]> {
      throwIfAborted(ctx.signal);
      const payments = await store.payments.getMany(ids);
      return payments.filter((payment) => canAccess(ctx, payment.customerId));
    },

    async list(ctx: OperationContext, input: ListPaymentsInput = {}): Promise<Page<Payment>> {
      const query = parseInput(listSchema, input);
      const customerId = scopeCustomer(ctx, query.customerId);
      const request = toPageRequest(query, settings.pagination);
      throwIfAborted(ctx.signal);
      const rows = await store.payments.list(
        { customerId, orderId: query.orderId, status: query.status },
        request,
      );
      return toPage(rows, request);
    },

    /** Payments of many orders at once (for batch loaders), filtered to what the caller may see. */
    async listByOrderIds(ctx: OperationContext, orderIds: readonly string[]): Promise<Payment[]> {
      throwIfAborted(ctx.signal);
      const payments = await store.payments.listByOrderIds(orderIds);
      const { principal } = ctx;
      return principal.role === 'admin'
        ? payments
        : payments.filter((p) => p.customerId === principal.customerId);
    },

    /**
     * Long polling: returns the payment as soon as it is no longer `processing`, or as it is once
     * `waitMs` (capped by the caller's deadline) has passed.
     */
    async waitForOutcome(ctx: OperationContext, id: string, waitMs: number): Promise<Payment> {
      // Waits are real time, like the event log's long poll: the domain clock may be a test's.
      const deadline = Date.now() + Math.max(0, waitMs);
      for (;;) {
        throwIfAborted(ctx.signal);
        const head = await store.events.head();
        const payment = await load(store, ctx, id);
        const remaining = deadline - Date.now();
        if (payment.status !== 'processing' || remaining <= 0) return payment;
        await waitForLogGrowth(deps, head, remaining, ctx.signal);
      }
    },

    /** Refunds a succeeded payment in full. */
    async refund(
      ctx: OperationContext,
      id: string,
      idempotencyKey?: string,
    ): Promise<WriteResult<Payment>> {
      const paymentId = parseInput(schemas.paymentId, id, 'id');
      throwIfAborted(ctx.signal);
      return runIdempotent(
        deps,
        ctx,
        'payments.refund',
        idempotencyKey,
        { paymentId },
        async (tx) => {
          const payment = await load(tx, ctx, paymentId);
          const now = clock.now();
          const refunded = transitionPayment(payment, 'refunded', isoAt(now));
          if (!(await tx.payments.update(refunded, payment.version))) {
            throw new CommerceError(
              'version_mismatch',
              `payment ${paymentId} was changed concurrently`,
            );
          }
          await appendPaymentEvent(
            tx,
            formatTraceparent(ctx.trace),
            refunded,
            'payment.refunded',
            now,
          );
          return refunded;
        },
      );
    },

    /** Asks the processing job to stop; the payment ends `failed` with `canceled`. */
    async cancel(ctx: OperationContext, id: string): Promise<PaymentProgress> {
      const payment = await load(store, ctx, id);
      if (payment.status !== 'processing') {
        throw new CommerceError(
          'invalid_state',
          `payment ${payment.id} is ${payment.status} and cannot be cancelled`,
          {
            currentState: payment.status,
          },
        );
      }
      const job = await commit(deps, async (tx) => {
        const cancelled = await tx.jobs.requestCancel(payment.jobId, clock.now());
        if (cancelled?.status === 'cancelled') {
          const current = await tx.payments.get(payment.id);
          if (current?.status === 'processing') {
            const failed = transitionPayment(current, 'failed', isoAt(clock.now()), 'canceled');
            await tx.payments.update(failed, current.version);
            await appendPaymentEvent(
              tx,
              formatTraceparent(ctx.trace),
              failed,
              'payment.failed',
              clock.now(),
            );
          }
        }
        return cancelled;
      });
      if (!job) throw notFound('job', payment.jobId);
      return toProgress(job);
    },

    /** Status and progress of the job processing a payment. */
    async progress(ctx: OperationContext, id: string): Promise<PaymentProgress> {
      const payment = await load(store, ctx, id);
      const job = await store.jobs.get(payment.jobId);
      if (!job) throw notFound('job', payment.jobId);
      return toProgress(job);
    },
  };
}

function toProgress(job: Job): PaymentProgress {
  return {
    jobId: job.id,
    status: job.status,
    attempts: job.attempts,
    percent: job.progress,
    message: job.progressMessage,
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
