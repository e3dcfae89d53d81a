import { createRoute } from '@hono/zod-openapi';
import { readJson } from '../http/json-body.js';
import { replayHeaders, representation } from '../http/representation.js';
import { headers, problems } from '../openapi/components.js';
import { idempotencyHeader, paymentIdParams } from '../openapi/params.js';
import { Payment, PaymentJob } from '../openapi/schemas.js';
import { wirePayment, wireProgress } from '../wire.js';
import { defineRoute, operationContext, type RestApp, type RouteDeps } from './define.js';

const refundPayment = createRoute({
  method: 'post',
  path: '/api/v1/payments/{id}/refunds',
  operationId: 'refundPayment',
  tags: ['payments'],
  summary: 'Refund a succeeded payment in full (Idempotency-Key replays)',
  request: { params: paymentIdParams, headers: idempotencyHeader },
  responses: {
    200: {
      description: 'The refunded payment',
      headers: headers('ETag', 'Cache-Control', 'Idempotent-Replayed'),
      content: { 'application/json': { schema: Payment } },
    },
    ...problems(400, 401, 403, 404, 409, 415, 422, 429),
  },
});

const cancelPayment = createRoute({
  method: 'post',
  path: '/api/v1/payments/{id}/cancellations',
  operationId: 'cancelPayment',
  tags: ['payments'],
  summary: 'Ask the job processing a payment to stop; the payment ends failed (`canceled`)',
  request: { params: paymentIdParams },
  responses: {
    202: {
      description: 'Cancellation requested; the job’s state is at `Location`',
      headers: headers('Location', 'Cache-Control'),
      content: { 'application/json': { schema: PaymentJob } },
    },
    ...problems(400, 401, 403, 404, 409, 415, 429),
  },
});

const getPaymentJob = createRoute({
  method: 'get',
  path: '/api/v1/payments/{id}/job',
  operationId: 'getPaymentJob',
  tags: ['payments'],
  summary: 'Status and progress of the job processing a payment',
  request: { params: paymentIdParams },
  responses: {
    200: {
      description: 'The job; `Retry-After` while it is queued or running',
      headers: headers('Cache-Control', 'Retry-After'),
      content: { 'application/json': { schema: PaymentJob } },
    },
    ...problems(400, 401, 403, 404, 429),
  },
});

/** Refunds, cancellation and the processing job. */
export function paymentActionRoutes(app: RestApp, { commerce }: RouteDeps): void {
  defineRoute(app, refundPayment, async (c) => {
    await readJson(c, true);
    const key = c.req.header('idempotency-key');
    const id = c.req.param('id') ?? '';
    const { value, replayed } = await commerce.payments.refund(operationContext(c), id, key);
    return representation(c, value.version, wirePayment(value), 200, replayHeaders(replayed));
  });

  defineRoute(app, cancelPayment, async (c) => {
    await readJson(c, true);
    const id = c.req.param('id') ?? '';
    const job = await commerce.payments.cancel(operationContext(c), id);
    return c.json(wireProgress(job), 202, {
      Location: `/api/v1/payments/${id}/job`,
      'Cache-Control': 'no-store',
    });
  });

  defineRoute(app, getPaymentJob, async (c) => {
    const job = await commerce.payments.progress(operationContext(c), c.req.param('id') ?? '');
    const active = job.status === 'queued' || job.status === 'running';
    return c.json(wireProgress(job), 200, {
      'Cache-Control': 'no-store',
      ...(active ? { 'Retry-After': '1' } : {}),
    });
  });
}
