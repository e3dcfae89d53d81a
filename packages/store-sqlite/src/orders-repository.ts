import type { Order, OrderRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import { type OrderRow, orderParams, toOrder } from './rows.js';
import type { Sql } from './statements.js';

/** Orders on the connection behind `sql`. */
export function createOrderRepository(sql: Sql): OrderRepository {
  return {
    async get(id) {
      const row = sql<OrderRow>('SELECT * FROM orders WHERE id = ?').get(id);
      return row ? toOrder(row) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      return sql<OrderRow>('SELECT * FROM orders WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(ids))
        .map(toOrder);
    },

    async list(filter, page) {
      const query = pageQuery(
        'orders',
        { customer_id: filter.customerId, status: filter.status },
        page,
      );
      return sql<OrderRow>(query.text)
        .all(...query.params)
        .map(toOrder);
    },

    async insert(order: Order) {
      sql(
        `INSERT INTO orders (id, customer_id, items, amount, currency, status, version, created_at, updated_at)
         VALUES (@id, @customerId, @items, @amount, @currency, @status, @version, @createdAt, @updatedAt)`,
      ).run(orderParams(order));
    },

    async update(order, expectedVersion) {
      const result = sql(
        `UPDATE orders SET customer_id = @customerId, items = @items, amount = @amount, currency = @currency,
           status = @status, version = @version, updated_at = @updatedAt
         WHERE id = @id AND version = @expectedVersion`,
      ).run({ ...orderParams(order), expectedVersion });
      return result.changes === 1;
    },
  };
}
