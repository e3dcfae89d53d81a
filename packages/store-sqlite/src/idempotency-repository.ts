import type { IdempotencyRepository } from '@commerce/core';
import { type IdempotencyRow, toIdempotencyRecord, toJson } from './rows.js';
import type { Sql } from './statements.js';

/** Idempotency records on the write connection (`acquire` may write then read: run it in a transaction). */
export function createIdempotencyRepository(sql: Sql): IdempotencyRepository {
  return {
    async acquire(record, now) {
      // One statement claims the key unless a live record holds it (completed, or in progress
      // and not abandoned): a new key, the common case, costs no separate lookup first. In the
      // upsert's WHERE, bare column names are the stored row's. Positional parameters bind
      // without property lookups on a copy of the record.
      const claimed = sql(
        `INSERT INTO idempotency_records (principal_id, key, operation, request_hash, status,
           response, created_at, expires_at, locked_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (principal_id, key) DO UPDATE SET operation = excluded.operation,
           request_hash = excluded.request_hash, status = excluded.status,
           response = excluded.response, created_at = excluded.created_at,
           expires_at = excluded.expires_at, locked_until = excluded.locked_until
         WHERE NOT (expires_at > ? AND (status = 'completed' OR locked_until > ?))`,
      ).run(
        record.principalId,
        record.key,
        record.operation,
        record.requestHash,
        record.status,
        toJson(record.response),
        record.createdAt,
        record.expiresAt,
        record.lockedUntil,
        now,
        now,
      );
      if (claimed.changes === 1) return null;
      const live = sql<IdempotencyRow>(
        'SELECT * FROM idempotency_records WHERE principal_id = ? AND key = ?',
      ).get(record.principalId, record.key);
      if (!live) throw new Error('an idempotency record was neither claimed nor found');
      return toIdempotencyRecord(live);
    },

    async complete(principalId, key, response) {
      sql(
        `UPDATE idempotency_records SET status = 'completed', response = ?
         WHERE principal_id = ? AND key = ?`,
      ).run(toJson(response), principalId, key);
    },

    async release(principalId, key) {
      sql(
        `DELETE FROM idempotency_records
         WHERE principal_id = ? AND key = ? AND status = 'in_progress'`,
      ).run(principalId, key);
    },

    async purgeExpired(now) {
      return sql('DELETE FROM idempotency_records WHERE expires_at <= ?').run(now).changes;
    },
  };
}
