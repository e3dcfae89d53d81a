import type { Order, OrderRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import { type OrderRow, toJson, toOrder } from './rows.js';
import type { Sql } from './sql.js';

/** The mutable columns of `order`, as $2… of the statements below ($1 is the id). */
const mutableValues = (order: Order) => [
  order.id,
  order.customerId,
  toJson(order.items),
  order.amount,
  order.currency,
  order.status,
  order.version,
  order.updatedAt,
];

/** Orders through `sql` (the pool, or a transaction's client). */
export function createOrderRepository(sql: Sql): OrderRepository {
  const select = async (text: string, values: unknown[]) =>
    (await sql.rows<OrderRow>(text, values)).map(toOrder);

  return {
    async get(id) {
      const row = await sql.one<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
      return row ? toOrder(row) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      return select('SELECT * FROM orders WHERE id = ANY($1::text[])', [ids]);
    },

    async list(filter, page) {
      const query = pageQuery(
        'orders',
        { customer_id: filter.customerId, status: filter.status },
        page,
      );
      return select(query.text, query.values);
    },

    async insert(order) {
      await sql.run(
        `INSERT INTO orders (id, customer_id, items, amount, currency, status, version, updated_at,
           created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [...mutableValues(order), order.createdAt],
      );
    },

    async update(order, expectedVersion) {
      // One statement: the row lock makes the compare-and-set atomic across instances.
      const changed = await sql.run(
        `UPDATE orders SET customer_id = $2, items = $3, amount = $4, currency = $5, status = $6,
           version = $7, updated_at = $8
         WHERE id = $1 AND version = $9`,
        [...mutableValues(order), expectedVersion],
      );
      return changed === 1;
    },
  };
}
