import type { IdempotencyRepository } from '@commerce/core';
import { claim } from './claim.js';
import { type IdempotencyRow, toIdempotencyRecord, toJson } from './rows.js';
import type { Sql } from './sql.js';

/**
 * A record (columns prefixed by `table`) is live at `$3` while not expired and, when in
 * progress, while its claim is not abandoned.
 */
const live = (table: string) =>
  `${table}.expires_at > $3 AND (${table}.status = 'completed' OR ${table}.locked_until > $3)`;

/** Idempotency records through `sql`; `acquire` is atomic on its own, in or out of a transaction. */
export function createIdempotencyRepository(sql: Sql): IdempotencyRepository {
  return {
    acquire(record, now) {
      const key = [record.principalId, record.key, now];
      return claim(
        async () =>
          (await sql.run(
            `INSERT INTO idempotency_records AS r (principal_id, key, operation, request_hash,
               status, response, created_at, expires_at, locked_until)
             VALUES ($1, $2, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (principal_id, key) DO UPDATE SET operation = excluded.operation,
               request_hash = excluded.request_hash, status = excluded.status,
               response = excluded.response, created_at = excluded.created_at,
               expires_at = excluded.expires_at, locked_until = excluded.locked_until
             WHERE NOT (${live('r')})`,
            [
              ...key,
              record.operation,
              record.requestHash,
              record.status,
              toJson(record.response),
              record.createdAt,
              record.expiresAt,
              record.lockedUntil,
            ],
          )) === 1,
        async () => {
          const row = await sql.one<IdempotencyRow>(
            `SELECT * FROM idempotency_records r
             WHERE principal_id = $1 AND key = $2 AND ${live('r')}`,
            key,
          );
          return row ? toIdempotencyRecord(row) : null;
        },
      );
    },

    async complete(principalId, key, response) {
      await sql.run(
        `UPDATE idempotency_records SET status = 'completed', response = $3
         WHERE principal_id = $1 AND key = $2`,
        [principalId, key, toJson(response)],
      );
    },

    async release(principalId, key) {
      await sql.run(
        `DELETE FROM idempotency_records
         WHERE principal_id = $1 AND key = $2 AND status = 'in_progress'`,
        [principalId, key],
      );
    },

    purgeExpired(now) {
      return sql.run('DELETE FROM idempotency_records WHERE expires_at <= $1', [now]);
    },
  };
}
