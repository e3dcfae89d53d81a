import { ORDER_STATUSES, PAYMENT_STATUSES } from '@commerce/core';
import { z } from '@hono/zod-openapi';

/** Request parameters shared by several operations (documentation only; the core validates). */

export const orderIdParams = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ord_01jd5x0k3m8q2r7t9v4w6y8z0a' }),
});
export const paymentIdParams = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: 'pay_01jd5x0k3m8q2r7t9v4w6y8z0a' }),
});

const paging = {
  cursor: z
    .string()
    .optional()
    .openapi({ description: 'Opaque cursor from `next_cursor` (preferred)' }),
  page: z.number().int().min(1).optional().openapi({ description: '1-based page (offset paging)' }),
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Page size (default 20)' }),
};

export const orderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  customer_id: z.string().optional().openapi({ description: 'Admin only, or your own id' }),
  ...paging,
});

export const paymentListQuery = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  order_id: z.string().optional(),
  customer_id: z.string().optional(),
  ...paging,
});

export const waitQuery = z.object({
  wait: z.number().min(0).optional().openapi({
    description:
      'Long poll: answer as soon as the state changes, or after this many seconds (capped by the server)',
  }),
});

export const idempotencyHeader = z.object({
  'idempotency-key': z.string().optional().openapi({
    description: 'Replays the stored result for the same key and request (24 h)',
  }),
});

export const ifNoneMatchHeader = z.object({
  'if-none-match': z.string().optional().openapi({ description: 'ETag held: 304 when unchanged' }),
});

export const writePreconditions = (ifMatchRequired: boolean) =>
  z.object({
    'if-match': (ifMatchRequired ? z.string() : z.string().optional()).openapi({
      description: 'ETag of the version this write changes; 412 when stale',
    }),
    'x-lock-token': z.string().optional().openapi({
      description: 'Token of the lock held on the order; the write releases it',
    }),
  });
