import type { Database } from 'better-sqlite3';

/**
 * The schema, as an append-only list of steps: `PRAGMA user_version` records how many have been
 * applied. Never edit a step that has shipped; add a new one.
 *
 * Timestamps the domain keeps as ISO strings stay ISO strings (fixed-width UTC, so text order is
 * time order and (created_at, id) keyset pagination is exact); epoch-ms fields stay integers.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    items       TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX orders_by_created ON orders (created_at DESC, id DESC);
  CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id DESC);
  CREATE INDEX orders_by_status ON orders (status, created_at DESC, id DESC);

  CREATE TABLE payments (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders (id),
    customer_id    TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    payment_method TEXT NOT NULL,
    status         TEXT NOT NULL,
    failure_code   TEXT,
    job_id         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  ) STRICT;
  CREATE INDEX payments_by_created ON payments (created_at DESC, id DESC);
  CREATE INDEX payments_by_customer ON payments (customer_id, created_at DESC, id DESC);
  CREATE INDEX payments_by_order ON payments (order_id, created_at DESC, id DESC);

  CREATE TABLE events (
    sequence    INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    payment_id  TEXT,
    data        TEXT NOT NULL,
    traceparent TEXT,
    occurred_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX events_by_customer ON events (customer_id, sequence);
  CREATE INDEX events_by_order ON events (order_id, sequence);

  CREATE TABLE idempotency_records (
    principal_id TEXT NOT NULL,
    key          TEXT NOT NULL,
    operation    TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    PRIMARY KEY (principal_id, key)
  ) STRICT;
  CREATE INDEX idempotency_by_expiry ON idempotency_records (expires_at);

  CREATE TABLE locks (
    resource   TEXT PRIMARY KEY,
    token      TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE jobs (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    max_attempts     INTEGER NOT NULL,
    run_at           INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    progress         REAL NOT NULL,
    progress_message TEXT,
    cancel_requested INTEGER NOT NULL,
    last_error       TEXT,
    result           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX jobs_by_status ON jobs (status, run_at);
  CREATE INDEX jobs_by_lease_owner ON jobs (lease_owner) WHERE lease_owner IS NOT NULL;

  CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL,
    customer_id TEXT,
    created_at  TEXT NOT NULL
  ) STRICT;
  `,
  `
  CREATE TABLE webhook_endpoints (
    id                     TEXT PRIMARY KEY,
    owner_customer_id      TEXT,
    url                    TEXT NOT NULL,
    event_types            TEXT NOT NULL,
    enabled                INTEGER NOT NULL,
    disabled_reason        TEXT,
    secrets                TEXT NOT NULL,
    consecutive_failures   INTEGER NOT NULL,
    created_after_sequence INTEGER NOT NULL,
    version                INTEGER NOT NULL,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
  ) STRICT;
  CREATE INDEX webhook_endpoints_by_created ON webhook_endpoints (created_at DESC, id DESC);
  CREATE INDEX webhook_endpoints_by_owner
    ON webhook_endpoints (owner_customer_id, created_at DESC, id DESC);
  CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (enabled);

  CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_sequence   INTEGER NOT NULL,
    event_id         TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    last_status_code INTEGER,
    job_id           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (endpoint_id, event_sequence)
  ) STRICT;
  CREATE INDEX webhook_deliveries_by_endpoint
    ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

  CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    status_code INTEGER,
    error       TEXT,
    latency_ms  INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
  ) STRICT;

  CREATE TABLE log_cursors (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) STRICT;
  `,
];

/**
 * Applies the steps the database lacks. One IMMEDIATE transaction takes the write lock before
 * reading the version, so processes opening the same file at once apply each step exactly once.
 * Throws for a database written by a newer build.
 */
export function migrate(db: Database): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${current} is newer than this build knows (${MIGRATIONS.length})`,
      );
    }
    for (const step of MIGRATIONS.slice(current)) db.exec(step);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
