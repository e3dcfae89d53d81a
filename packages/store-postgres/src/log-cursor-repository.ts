import type { LogCursorRepository } from '@commerce/core';
import type { Sql } from './sql.js';

/** Log consumer positions through `sql`; `advance` is one atomic compare-and-set statement. */
export function createLogCursorRepository(sql: Sql): LogCursorRepository {
  return {
    async get(name) {
      const row = await sql.one<{ position: number }>(
        'SELECT position FROM log_cursors WHERE name = $1',
        [name],
      );
      return row?.position ?? 0;
    },

    async advance(name, from, to) {
      // A missing row stands for position 0, so only an advance from 0 may insert it; two
      // instances advancing from 0 at once meet on the primary key and one of them loses.
      const statement =
        from === 0
          ? `INSERT INTO log_cursors AS c (name, position) VALUES ($1, $3)
             ON CONFLICT (name) DO UPDATE SET position = $3 WHERE c.position = $2`
          : 'UPDATE log_cursors SET position = $3 WHERE name = $1 AND position = $2';
      return (await sql.run(statement, [name, from, to])) === 1;
    },
  };
}
