import type { Payment, PaymentRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import { type PaymentRow, toPayment } from './rows.js';
import type { Sql } from './sql.js';

/** The mutable columns of `payment`, as $2… of the statements below ($1 is the id). */
const mutableValues = (payment: Payment) => [
  payment.id,
  payment.orderId,
  payment.customerId,
  payment.amount,
  payment.currency,
  payment.paymentMethod,
  payment.status,
  payment.failureCode,
  payment.jobId,
  payment.version,
  payment.updatedAt,
];

/** Payments through `sql` (the pool, or a transaction's client). */
export function createPaymentRepository(sql: Sql): PaymentRepository {
  const select = async (text: string, values: unknown[]) =>
    (await sql.rows<PaymentRow>(text, values)).map(toPayment);

  return {
    async get(id) {
      const row = await sql.one<PaymentRow>('SELECT * FROM payments WHERE id = $1', [id]);
      return row ? toPayment(row) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      return select('SELECT * FROM payments WHERE id = ANY($1::text[])', [ids]);
    },

    async listByOrderIds(orderIds) {
      if (orderIds.length === 0) return [];
      return select(
        'SELECT * FROM payments WHERE order_id = ANY($1::text[]) ORDER BY created_at, id',
        [orderIds],
      );
    },

    async list(filter, page) {
      const query = pageQuery(
        'payments',
        { customer_id: filter.customerId, order_id: filter.orderId, status: filter.status },
        page,
      );
      return select(query.text, query.values);
    },

    async insert(payment) {
      await sql.run(
        `INSERT INTO payments (id, order_id, customer_id, amount, currency, payment_method, status,
           failure_code, job_id, version, updated_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [...mutableValues(payment), payment.createdAt],
      );
    },

    async update(payment, expectedVersion) {
      const changed = await sql.run(
        `UPDATE payments SET order_id = $2, customer_id = $3, amount = $4, currency = $5,
           payment_method = $6, status = $7, failure_code = $8, job_id = $9, version = $10,
           updated_at = $11
         WHERE id = $1 AND version = $12`,
        [...mutableValues(payment), expectedVersion],
      );
      return changed === 1;
    },
  };
}
