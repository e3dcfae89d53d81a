import type { LockRepository } from '@commerce/core';
import { type LockRow, toLock } from './rows.js';
import type { Sql } from './statements.js';

/** Pessimistic locks on the connection behind `sql` (`acquire` must run in a transaction). */
export function createLockRepository(sql: Sql): LockRepository {
  const live = (resource: string, now: number) =>
    sql<LockRow>('SELECT * FROM locks WHERE resource = ? AND expires_at > ?').get(resource, now);

  return {
    async acquire(lock, now) {
      const current = live(lock.resource, now);
      if (current) return { acquired: false, current: toLock(current) };
      // An expired row may still be there: it counts as absent, so it is simply replaced.
      sql(
        `INSERT OR REPLACE INTO locks (resource, token, owner_id, expires_at)
         VALUES (@resource, @token, @ownerId, @expiresAt)`,
      ).run(lock);
      return { acquired: true };
    },

    async get(resource, now) {
      const row = live(resource, now);
      return row ? toLock(row) : null;
    },

    async release(resource, token) {
      return (
        sql('DELETE FROM locks WHERE resource = ? AND token = ?').run(resource, token).changes === 1
      );
    },
  };
}
