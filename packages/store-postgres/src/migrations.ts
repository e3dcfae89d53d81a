import type pg from 'pg';
import { inTransaction } from './client-transaction.js';

/**
 * The schema, as an append-only list of steps: `schema_migrations` records the applied ones by
 * number (1-based). Never edit a step that has shipped; add a new one.
 *
 * Ids and the ISO timestamps the domain keeps as strings are `text COLLATE "C"`: byte order, as
 * in SQLite, so (created_at, id) keyset pagination and hash-prefix scans do not depend on the
 * database's locale. Money, epoch-ms fields and sequences are `bigint`; payloads are `json`
 * (kept verbatim, key order included, so a replayed idempotent response is byte-identical).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    items       json NOT NULL,
    amount      bigint NOT NULL,
    currency    text NOT NULL,
    status      text NOT NULL,
    version     integer NOT NULL,
    created_at  text COLLATE "C" NOT NULL,
    updated_at  text COLLATE "C" NOT NULL
  );
  CREATE INDEX orders_by_created ON orders (created_at DESC, id DESC);
  CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id DESC);
  CREATE INDEX orders_by_status ON orders (status, created_at DESC, id DESC);

  CREATE TABLE payments (
    id             text COLLATE "C" PRIMARY KEY,
    order_id       text COLLATE "C" NOT NULL REFERENCES orders (id),
    customer_id    text COLLATE "C" NOT NULL,
    amount         bigint NOT NULL,
    currency       text NOT NULL,
    payment_method text NOT NULL,
    status         text NOT NULL,
    failure_code   text,
    job_id         text COLLATE "C" NOT NULL,
    version        integer NOT NULL,
    created_at     text COLLATE "C" NOT NULL,
    updated_at     text COLLATE "C" NOT NULL
  );
  CREATE INDEX payments_by_created ON payments (created_at DESC, id DESC);
  CREATE INDEX payments_by_customer ON payments (customer_id, created_at DESC, id DESC);
  CREATE INDEX payments_by_order ON payments (order_id, created_at DESC, id DESC);

  -- One row: the last sequence handed out. Every transaction locks it first (see transactions.ts).
  CREATE TABLE event_head (
    id  smallint PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL
  );
  INSERT INTO event_head (id, seq) VALUES (1, 0);

  CREATE TABLE events (
    sequence    bigint PRIMARY KEY,
    id          text COLLATE "C" NOT NULL UNIQUE,
    type        text NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    order_id    text COLLATE "C" NOT NULL,
    payment_id  text COLLATE "C",
    data        json NOT NULL,
    traceparent text,
    occurred_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX events_by_customer ON events (customer_id, sequence);
  CREATE INDEX events_by_order ON events (order_id, sequence);

  CREATE TABLE idempotency_records (
    principal_id text COLLATE "C" NOT NULL,
    key          text COLLATE "C" NOT NULL,
    operation    text NOT NULL,
    request_hash text NOT NULL,
    status       text NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response     json NOT NULL,
    created_at   bigint NOT NULL,
    expires_at   bigint NOT NULL,
    locked_until bigint NOT NULL,
    PRIMARY KEY (principal_id, key)
  );
  CREATE INDEX idempotency_by_expiry ON idempotency_records (expires_at);

  CREATE TABLE locks (
    resource   text COLLATE "C" PRIMARY KEY,
    token      text COLLATE "C" NOT NULL,
    owner_id   text COLLATE "C" NOT NULL,
    expires_at bigint NOT NULL
  );

  CREATE TABLE jobs (
    id               text COLLATE "C" PRIMARY KEY,
    type             text COLLATE "C" NOT NULL,
    payload          json NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL,
    max_attempts     integer NOT NULL,
    run_at           bigint NOT NULL,
    lease_owner      text COLLATE "C",
    lease_expires_at bigint,
    progress         double precision NOT NULL,
    progress_message text,
    cancel_requested boolean NOT NULL,
    last_error       text,
    result           json NOT NULL,
    created_at       text COLLATE "C" NOT NULL,
    updated_at       text COLLATE "C" NOT NULL
  );
  CREATE INDEX jobs_due ON jobs (run_at, created_at, id) WHERE status = 'queued';
  CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status = 'running';
  CREATE INDEX jobs_by_lease_owner ON jobs (lease_owner) WHERE lease_owner IS NOT NULL;

  CREATE TABLE api_keys (
    id          text COLLATE "C" PRIMARY KEY,
    name        text NOT NULL,
    key_hash    text COLLATE "C" NOT NULL UNIQUE,
    role        text NOT NULL,
    customer_id text COLLATE "C",
    created_at  text COLLATE "C" NOT NULL
  );
  `,
  `
  CREATE TABLE webhook_endpoints (
    id                     text COLLATE "C" PRIMARY KEY,
    owner_customer_id      text COLLATE "C",
    url                    text NOT NULL,
    event_types            json NOT NULL,
    enabled                boolean NOT NULL,
    disabled_reason        text,
    secrets                json NOT NULL,
    consecutive_failures   integer NOT NULL,
    created_after_sequence bigint NOT NULL,
    version                integer NOT NULL,
    created_at             text COLLATE "C" NOT NULL,
    updated_at             text COLLATE "C" NOT NULL
  );
  CREATE INDEX webhook_endpoints_by_created ON webhook_endpoints (created_at DESC, id DESC);
  CREATE INDEX webhook_endpoints_by_owner
    ON webhook_endpoints (owner_customer_id, created_at DESC, id DESC);
  CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (id) WHERE enabled;

  CREATE TABLE webhook_deliveries (
    id               text COLLATE "C" PRIMARY KEY,
    endpoint_id      text COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_sequence   bigint NOT NULL,
    event_id         text COLLATE "C" NOT NULL,
    event_type       text NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL,
    last_status_code integer,
    job_id           text COLLATE "C" NOT NULL,
    created_at       text COLLATE "C" NOT NULL,
    updated_at       text COLLATE "C" NOT NULL,
    UNIQUE (endpoint_id, event_sequence)
  );
  CREATE INDEX webhook_deliveries_by_endpoint
    ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

  CREATE TABLE webhook_attempts (
    delivery_id text COLLATE "C" NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt     integer NOT NULL,
    at          text COLLATE "C" NOT NULL,
    status_code integer,
    error       text,
    latency_ms  integer NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
  );

  CREATE TABLE log_cursors (
    name     text COLLATE "C" PRIMARY KEY,
    position bigint NOT NULL
  );
  `,
];

// The first key of the two-int advisory lock that guards migrations (the second is the schema's
// hash), so that it cannot collide with an application's single-key advisory locks.
const MIGRATION_LOCK_CLASS = 0x636f6d; // 'com'

/**
 * Creates `schema` if needed and applies the steps it lacks, in one transaction under a
 * transaction-scoped advisory lock: instances starting at the same time queue on the lock, and
 * each step is applied exactly once (PostgreSQL DDL is transactional, so a failed step leaves
 * nothing behind). Throws for a schema written by a newer build.
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      MIGRATION_LOCK_CLASS,
      schema,
    ]);
    // `schema` matched SCHEMA_NAME (pool.ts), so it needs no quoting.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version    integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0)::integer AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${current} is newer than this build knows (${MIGRATIONS.length})`,
      );
    }
    for (const [index, step] of MIGRATIONS.entries()) {
      if (index < current) continue;
      await client.query(step);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [index + 1]);
    }
  });
}
