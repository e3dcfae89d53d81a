import type { Store } from '@commerce/core';
import pg from 'pg';
import { dropSchema } from '../drop-schema.js';
import { openPostgresStore, type PostgresStoreOptions } from '../postgres-store.js';

// The tests run only against a real server (DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).
// Every store they open lives in a schema made for it, named after this run, and dropped when
// the store closes (or by `dropRunSchemas` at the end of the file, as a backstop).

/** The server the tests use, if any. */
export const url = process.env.DATABASE_URL;

/** A describe title that says why the suite is skipped when DATABASE_URL is unset. */
export const suiteTitle = (name: string): string =>
  url ? name : `${name} (skipped: set DATABASE_URL=postgres://user@host:5432/db to run)`;

const runPrefix = `commerce_test_${process.pid}_${Date.now().toString(36)}_`;
let made = 0;

/** A schema name no other test or run uses. */
export const freshSchema = (): string => `${runPrefix}${++made}`;

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Runs one statement on a short-lived connection of its own (outside any store). */
export const adminQuery = (text: string, values?: unknown[]) =>
  withAdmin((admin) => admin.query(text, values));

/** Drops every schema this run created that is still there. */
export const dropRunSchemas = () =>
  withAdmin(async (admin) => {
    const { rows } = await admin.query<{ name: string }>(
      'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)',
      [runPrefix],
    );
    for (const { name } of rows) await admin.query(`DROP SCHEMA ${name} CASCADE`);
  });

/**
 * Opens a store on `options.schema`, or on a fresh schema that its `close` drops. Pools are
 * small: a run opens many stores, one after the other.
 */
export async function openTestStore(options: Partial<PostgresStoreOptions> = {}): Promise<Store> {
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = options.schema ?? freshSchema();
  const store = await openPostgresStore({ url, poolSize: 4, ...options, schema });
  if (options.schema) return store;
  return {
    ...store,
    async close() {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}
