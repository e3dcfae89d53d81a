import type { EventLog } from '@commerce/core';
import { type EventRow, toEvent, toJson } from './rows.js';
import type { Sql } from './statements.js';

/**
 * The event log on the connection behind `sql`. Sequences are max + 1, computed inside the
 * serialized write transaction: a rolled-back append leaves no gap because the next one
 * recomputes the maximum.
 */
export function createEventLog(sql: Sql): EventLog {
  return {
    async append(event) {
      // `sequence` is the rowid (INTEGER PRIMARY KEY, no AUTOINCREMENT): SQLite gives a new row
      // the largest rowid + 1 (1 in an empty table), i.e. max + 1, without a `SELECT MAX`
      // seek of its own, and `run` reports it as `lastInsertRowid` without the ephemeral table
      // of a RETURNING clause. The rest of the stored row is what was just bound. Parameters
      // are positional: better-sqlite3 binds them without looking properties up on an object.
      const { lastInsertRowid } = sql(
        `INSERT INTO events (id, type, customer_id, order_id, payment_id, data, traceparent, occurred_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        event.id,
        event.type,
        event.customerId,
        event.orderId,
        event.paymentId,
        toJson(event.data),
        event.traceparent,
        event.occurredAt,
      );
      const sequence = Number(lastInsertRowid);
      return {
        sequence,
        id: event.id,
        type: event.type,
        customerId: event.customerId,
        orderId: event.orderId,
        paymentId: event.paymentId,
        data: event.data,
        traceparent: event.traceparent,
        occurredAt: event.occurredAt,
      };
    },

    async readAfter(afterSequence, filter, limit) {
      const conditions = ['sequence > ?'];
      const params: (string | number)[] = [afterSequence];
      if (filter.customerId !== undefined) {
        conditions.push('customer_id = ?');
        params.push(filter.customerId);
      }
      if (filter.orderId !== undefined) {
        conditions.push('order_id = ?');
        params.push(filter.orderId);
      }
      if (filter.types !== undefined) {
        conditions.push('type IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(filter.types));
      }
      params.push(limit);
      return sql<EventRow>(
        `SELECT * FROM events WHERE ${conditions.join(' AND ')} ORDER BY sequence LIMIT ?`,
      )
        .all(...params)
        .map(toEvent);
    },

    async head() {
      const row = sql<{ head: number }>(
        'SELECT COALESCE(MAX(sequence), 0) AS head FROM events',
      ).get();
      return row?.head ?? 0;
    },
  };
}
