import type { PaymentRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import { type PaymentRow, toPayment } from './rows.js';
import type { Sql } from './statements.js';

/** Payments on the connection behind `sql`. */
export function createPaymentRepository(sql: Sql): PaymentRepository {
  return {
    async get(id) {
      const row = sql<PaymentRow>('SELECT * FROM payments WHERE id = ?').get(id);
      return row ? toPayment(row) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      return sql<PaymentRow>('SELECT * FROM payments WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(ids))
        .map(toPayment);
    },

    async listByOrderIds(orderIds) {
      if (orderIds.length === 0) return [];
      return sql<PaymentRow>(
        `SELECT * FROM payments WHERE order_id IN (SELECT value FROM json_each(?))
         ORDER BY created_at, id`,
      )
        .all(JSON.stringify(orderIds))
        .map(toPayment);
    },

    async list(filter, page) {
      const query = pageQuery(
        'payments',
        { customer_id: filter.customerId, order_id: filter.orderId, status: filter.status },
        page,
      );
      return sql<PaymentRow>(query.text)
        .all(...query.params)
        .map(toPayment);
    },

    async insert(payment) {
      sql(
        `INSERT INTO payments (id, order_id, customer_id, amount, currency, payment_method, status,
           failure_code, job_id, version, created_at, updated_at)
         VALUES (@id, @orderId, @customerId, @amount, @currency, @paymentMethod, @status,
           @failureCode, @jobId, @version, @createdAt, @updatedAt)`,
      ).run(payment);
    },

    async update(payment, expectedVersion) {
      const result = sql(
        `UPDATE payments SET order_id = @orderId, customer_id = @customerId, amount = @amount,
           currency = @currency, payment_method = @paymentMethod, status = @status,
           failure_code = @failureCode, job_id = @jobId, version = @version, updated_at = @updatedAt
         WHERE id = @id AND version = @expectedVersion`,
      ).run({ ...payment, expectedVersion });
      return result.changes === 1;
    },
  };
}
