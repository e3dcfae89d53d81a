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
