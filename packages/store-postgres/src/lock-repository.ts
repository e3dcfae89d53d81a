import type { LockRepository } from '@commerce/core';
import { claim } from './claim.js';
import { type LockRow, toLock } from './rows.js';
import type { Sql } from './sql.js';

/** Pessimistic locks through `sql`; `acquire` is atomic on its own, in or out of a transaction. */
export function createLockRepository(sql: Sql): LockRepository {
  const live = async (resource: string, now: number) => {
    const row = await sql.one<LockRow>(
      'SELECT * FROM locks WHERE resource = $1 AND expires_at > $2',
      [resource, now],
    );
    return row ? toLock(row) : null;
  };

  return {
    async acquire(lock, now) {
      // An expired row may still be there: it counts as absent, so it is simply replaced.
      const current = await claim(
        async () =>
          (await sql.run(
            `INSERT INTO locks AS l (resource, token, owner_id, expires_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (resource) DO UPDATE SET token = excluded.token,
               owner_id = excluded.owner_id, expires_at = excluded.expires_at
             WHERE l.expires_at <= $5`,
            [lock.resource, lock.token, lock.ownerId, lock.expiresAt, now],
          )) === 1,
        () => live(lock.resource, now),
      );
      return current ? { acquired: false, current } : { acquired: true };
    },

    get: live,

    async release(resource, token) {
      const deleted = await sql.run('DELETE FROM locks WHERE resource = $1 AND token = $2', [
        resource,
        token,
      ]);
      return deleted === 1;
    },
  };
}
