import type { JobOutcome, JobRepository } from '@commerce/core';
import { type JobRow, newJobParams, toJob, toJson } from './rows.js';
import type { Sql } from './statements.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The columns an outcome sets; null leaves the column as it was. */
function outcomeColumns(outcome: JobOutcome) {
  switch (outcome.status) {
    case 'succeeded':
      return { status: outcome.status, result: toJson(outcome.result), error: null, runAt: null };
    case 'queued':
      return { status: outcome.status, result: null, error: outcome.error, runAt: outcome.runAt };
    default:
      return { status: outcome.status, result: null, error: outcome.error, runAt: null };
  }
}

/** The durable job queue on the connection behind `sql` (writes must run in a transaction). */
export function createJobRepository(sql: Sql): JobRepository {
  const get = (id: string) => {
    const row = sql<JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row ? toJob(row) : null;
  };

  return {
    async enqueue(job) {
      const row = sql<JobRow>(
        `INSERT INTO jobs (id, type, payload, status, attempts, max_attempts, run_at, lease_owner,
           lease_expires_at, progress, progress_message, cancel_requested, last_error, result,
           created_at, updated_at)
         VALUES (@id, @type, @payload, 'queued', 0, @maxAttempts, @runAt, NULL,
           NULL, 0, NULL, 0, NULL, 'null', @createdAt, @createdAt)
         RETURNING *`,
      ).get(newJobParams(job));
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toJob(row);
    },

    async get(id) {
      return get(id);
    },

    async lease({ workerId, now, leaseMs, types }) {
      // Oldest due first: by when it became runnable, then by creation.
      const row = sql<JobRow>(
        `UPDATE jobs SET status = 'running', lease_owner = @workerId, lease_expires_at = @leaseExpiresAt,
           attempts = attempts + 1, updated_at = @updatedAt
         WHERE id = (
           SELECT id FROM jobs
           WHERE ((status = 'queued' AND run_at <= @now) OR (status = 'running' AND lease_expires_at <= @now))
             AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
           ORDER BY run_at, created_at, id
           LIMIT 1)
         RETURNING *`,
      ).get({
        workerId,
        now,
        leaseExpiresAt: now + leaseMs,
        updatedAt: iso(now),
        types: types ? JSON.stringify(types) : null,
      });
      return row ? toJob(row) : null;
    },

    async heartbeat(id, workerId, leaseExpiresAt, progress) {
      const held = `WHERE id = @id AND status = 'running' AND lease_owner = @workerId RETURNING *`;
      const row = progress
        ? sql<JobRow>(
            `UPDATE jobs SET lease_expires_at = @leaseExpiresAt, progress = @percent,
               progress_message = @message ${held}`,
          ).get({
            id,
            workerId,
            leaseExpiresAt,
            percent: progress.percent,
            message: progress.message,
          })
        : sql<JobRow>(`UPDATE jobs SET lease_expires_at = @leaseExpiresAt ${held}`).get({
            id,
            workerId,
            leaseExpiresAt,
          });
      return row ? toJob(row) : null;
    },

    async finish(id, workerId, outcome, now) {
      const result = sql(
        `UPDATE jobs SET status = @status, result = COALESCE(@result, result),
           last_error = COALESCE(@error, last_error), run_at = COALESCE(@runAt, run_at),
           lease_owner = NULL, lease_expires_at = NULL, updated_at = @updatedAt
         WHERE id = @id AND status = 'running' AND lease_owner = @workerId`,
      ).run({ ...outcomeColumns(outcome), id, workerId, updatedAt: iso(now) });
      return result.changes === 1;
    },

    async requestCancel(id, now) {
      const row = sql<JobRow>(
        `UPDATE jobs SET cancel_requested = 1, updated_at = @updatedAt,
           status = CASE status WHEN 'queued' THEN 'cancelled' ELSE status END
         WHERE id = @id AND status IN ('queued', 'running')
         RETURNING *`,
      ).get({ id, updatedAt: iso(now) });
      // A finished job (or an unknown id) is left as it is.
      return row ? toJob(row) : get(id);
    },

    async releaseLeases(workerId, now) {
      return sql(
        `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,
           attempts = MAX(attempts - 1, 0), updated_at = ?
         WHERE status = 'running' AND lease_owner = ?`,
      ).run(iso(now), workerId).changes;
    },

    async counts() {
      const rows = sql<{ status: string; count: number }>(
        `SELECT status, COUNT(*) AS count FROM jobs
         WHERE status IN ('queued', 'running', 'dead') GROUP BY status`,
      ).all();
      const counts = { queued: 0, running: 0, dead: 0 };
      for (const row of rows) counts[row.status as keyof typeof counts] = row.count;
      return counts;
    },
  };
}
