import type { Order, OrderRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import {
  ORDER_COLUMNS,
  type OrderRawRow,
  type OrderRow,
  orderParams,
  toJson,
  toOrder,
  toOrderFromRaw,
} from './rows.js';
import { rawRows, type Sql } from './statements.js';

const BY_ID = `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`;
const BY_IDS = `SELECT ${ORDER_COLUMNS} FROM orders WHERE id IN (SELECT value FROM json_each(?))`;

/** Orders on the connection behind `sql`. */
export function createOrderRepository(sql: Sql): OrderRepository {
  // Explicit columns read as arrays: the read by id runs on every GET of every protocol.
  const raw = rawRows<OrderRawRow>(sql);
  return {
    async get(id) {
      const row = raw(BY_ID).get(id);
      return row ? toOrderFromRaw(row) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      return raw(BY_IDS).all(JSON.stringify(ids)).map(toOrderFromRaw);
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
      // Positional parameters: every create runs this, and better-sqlite3 binds them without
      // looking nine named properties up on a copy of the order.
      sql(
        `INSERT INTO orders (id, customer_id, items, amount, currency, status, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        order.id,
        order.customerId,
        toJson(order.items),
        order.amount,
        order.currency,
        order.status,
        order.version,
        order.createdAt,
        order.updatedAt,
      );
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
