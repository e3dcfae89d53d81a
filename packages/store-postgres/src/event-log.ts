import type { EventLog } from '@commerce/core';
import { type EventRow, toEvent, toJson } from './rows.js';
import type { Sql } from './sql.js';

/**
 * The event log through `sql`. `append` must run inside a transaction (transactions.ts), which
 * holds the `event_head` row lock from its start to its commit: the counter row hands out
 * sequences, so a rolled-back append rolls the counter back with it (no gap), and appends commit
 * in sequence order (a reader that sees sequence n already sees every sequence below it).
 */
export function createEventLog(sql: Sql): EventLog {
  return {
    async append(event) {
      const row = await sql.one<EventRow>(
        `WITH next AS (UPDATE event_head SET seq = seq + 1 WHERE id = 1 RETURNING seq)
         INSERT INTO events (sequence, id, type, customer_id, order_id, payment_id, data,
           traceparent, occurred_at)
         SELECT next.seq, $1::text, $2::text, $3::text, $4::text, $5::text, $6::json, $7::text,
           $8::text
         FROM next
         RETURNING *`,
        [
          event.id,
          event.type,
          event.customerId,
          event.orderId,
          event.paymentId,
          toJson(event.data),
          event.traceparent,
          event.occurredAt,
        ],
      );
      if (!row) throw new Error('the event_head row is missing: was the schema migrated?');
      return toEvent(row);
    },

    async readAfter(afterSequence, filter, limit) {
      const values: unknown[] = [afterSequence];
      const conditions = ['sequence > $1'];
      const where = (condition: string, value: unknown) => {
        values.push(value);
        conditions.push(condition.replace('?', `$${values.length}`));
      };
      if (filter.customerId !== undefined) where('customer_id = ?', filter.customerId);
      if (filter.orderId !== undefined) where('order_id = ?', filter.orderId);
      // An empty list matches nothing, as the port requires.
      if (filter.types !== undefined) where('type = ANY(?::text[])', filter.types);
      values.push(limit);
      const rows = await sql.rows<EventRow>(
        `SELECT * FROM events WHERE ${conditions.join(' AND ')}
         ORDER BY sequence LIMIT $${values.length}`,
        values,
      );
      return rows.map(toEvent);
    },

    async head() {
      const row = await sql.one<{ seq: number }>('SELECT seq FROM event_head WHERE id = 1');
      return row?.seq ?? 0;
    },
  };
}
