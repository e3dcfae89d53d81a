import type { QueryResult, QueryResultRow } from 'pg';

/** A pool or one checked-out client: anything that runs a parameterized statement. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** The three shapes of result the repositories need, over one `Queryable`. */
export interface Sql {
  /** Every row the statement returns. */
  rows<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** The first row, or null when there is none. */
  one<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R | null>;
  /** How many rows the statement inserted, updated or deleted. */
  run(text: string, values?: unknown[]): Promise<number>;
}

/** Statements on `db`: the pool (each statement commits on its own) or a transaction's client. */
export function createSql(db: Queryable): Sql {
  return {
    async rows<R extends QueryResultRow>(text: string, values?: unknown[]) {
      return (await db.query<R>(text, values)).rows;
    },
    async one<R extends QueryResultRow>(text: string, values?: unknown[]) {
      return (await db.query<R>(text, values)).rows[0] ?? null;
    },
    async run(text, values) {
      return (await db.query(text, values)).rowCount ?? 0;
    },
  };
}
