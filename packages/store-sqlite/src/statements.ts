import type { Database, Statement } from 'better-sqlite3';

/** Returns the prepared statement for `source`, typed to the rows it yields. */
export type Sql = <Row = unknown>(source: string) => Statement<unknown[], Row>;

/** A per-connection statement cache: each distinct SQL text is prepared once. */
export function createStatementCache(db: Database): Sql {
  const cache = new Map<string, Statement<unknown[], unknown>>();
  return <Row>(source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = db.prepare(source);
      cache.set(source, statement);
    }
    return statement as Statement<unknown[], Row>;
  };
}

/**
 * Like `Sql`, for statements read in raw mode: rows come back as arrays in column order, which
 * better-sqlite3 builds much more cheaply than objects with named keys. A statement text used
 * here must not also be used through `Sql` (the two share the cache and `raw` is per statement).
 */
export const rawRows =
  <Row extends unknown[]>(sql: Sql) =>
  (source: string): Statement<unknown[], Row> =>
    (sql(source) as unknown as Statement<unknown[], Row>).raw(true);
