import type { EventLog } from '@commerce/core';
import { type EventRow, eventParams, toEvent } from './rows.js';
import type { Sql } from './statements.js';

/**
 * The event log on the connection behind `sql`. Sequences are max + 1, computed inside the
 * serialized write transaction: a rolled-back append leaves no gap because the next one
 * recomputes the maximum.
 */
export function createEventLog(sql: Sql): EventLog {
  return {
    async append(event) {
      // Only the sequence comes back: the rest of the stored row is what was just bound, and
      // reading it back (RETURNING *) cost a row object and a JSON parse of `data` per write.
      const params = eventParams(event);
      const sequence = sql<number>(
        `INSERT INTO events (sequence, id, type, customer_id, order_id, payment_id, data, traceparent, occurred_at)
         VALUES ((SELECT COALESCE(MAX(sequence), 0) + 1 FROM events),
           @id, @type, @customerId, @orderId, @paymentId, @data, @traceparent, @occurredAt)
         RETURNING sequence`,
      )
        .pluck(true)
        .get(params);
      if (sequence === undefined) throw new Error('INSERT … RETURNING returned no row');
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
