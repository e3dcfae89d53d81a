import type { IdempotencyRepository } from '@commerce/core';
import { type IdempotencyRow, idempotencyParams, toIdempotencyRecord, toJson } from './rows.js';
import type { Sql } from './statements.js';

const isLive = (row: IdempotencyRow, now: number): boolean =>
  row.expires_at > now && (row.status === 'completed' || row.locked_until > now);

/** Idempotency records on the write connection (`acquire` reads then writes: run it in a transaction). */
export function createIdempotencyRepository(sql: Sql): IdempotencyRepository {
  return {
    async acquire(record, now) {
      const existing = sql<IdempotencyRow>(
        'SELECT * FROM idempotency_records WHERE principal_id = ? AND key = ?',
      ).get(record.principalId, record.key);
      if (existing && isLive(existing, now)) return toIdempotencyRecord(existing);
      sql(
        `INSERT OR REPLACE INTO idempotency_records (principal_id, key, operation, request_hash, status,
           response, created_at, expires_at, locked_until)
         VALUES (@principalId, @key, @operation, @requestHash, @status,
           @response, @createdAt, @expiresAt, @lockedUntil)`,
      ).run(idempotencyParams(record));
      return null;
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
