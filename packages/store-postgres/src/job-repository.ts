import type { JobOutcome, JobRepository } from '@commerce/core';
import { type JobRow, toJob, toJson } from './rows.js';
import type { Sql } from './sql.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The columns an outcome sets ($1…$4 of `finish`); null leaves the column as it was. */
function outcomeValues(outcome: JobOutcome): [string, string | null, string | null, number | null] {
  switch (outcome.status) {
    case 'succeeded':
      return [outcome.status, toJson(outcome.result), null, null];
    case 'queued':
      return [outcome.status, null, outcome.error, outcome.runAt];
    default:
      return [outcome.status, null, outcome.error, null];
  }
}

// Every write below is one statement, atomic on its own; the lease condition in each WHERE is
// the fence: a worker that lost its lease (another worker leased the job) changes nothing.
const HELD = `id = $1 AND status = 'running' AND lease_owner = $2`;

/** The durable job queue through `sql`, leased with `FOR UPDATE SKIP LOCKED`. */
export function createJobRepository(sql: Sql): JobRepository {
  const one = async (text: string, values: unknown[]) => {
    const row = await sql.one<JobRow>(text, values);
    return row ? toJob(row) : null;
  };
  const get = (id: string) => one('SELECT * FROM jobs WHERE id = $1', [id]);

  return {
    async enqueue(job) {
      const row = await one(
        `INSERT INTO jobs (id, type, payload, status, attempts, max_attempts, run_at, lease_owner,
           lease_expires_at, progress, progress_message, cancel_requested, last_error, result,
           created_at, updated_at)
         VALUES ($1, $2, $3, 'queued', 0, $4, $5, NULL, NULL, 0, NULL, false, NULL, 'null', $6, $6)
         RETURNING *`,
        [job.id, job.type, toJson(job.payload), job.maxAttempts, job.runAt, job.createdAt],
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },

    get,

    lease({ workerId, now, leaseMs, types }) {
      // Oldest due first. SKIP LOCKED: instances leasing at the same moment each take a
      // different job instead of queueing behind one row lock; the locked row is re-checked
      // against the WHERE once locked, so a job leased and committed meanwhile is passed over.
      return one(
        `UPDATE jobs SET status = 'running', lease_owner = $1, lease_expires_at = $2,
           attempts = attempts + 1, updated_at = $3
         WHERE id = (
           SELECT id FROM jobs
           WHERE ((status = 'queued' AND run_at <= $4)
               OR (status = 'running' AND lease_expires_at <= $4))
             AND ($5::text[] IS NULL OR type = ANY($5::text[]))
           ORDER BY run_at, created_at, id
           LIMIT 1
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [workerId, now + leaseMs, iso(now), now, types ?? null],
      );
    },

    heartbeat(id, workerId, leaseExpiresAt, progress) {
      return progress
        ? one(
            `UPDATE jobs SET lease_expires_at = $3, progress = $4, progress_message = $5
             WHERE ${HELD} RETURNING *`,
            [id, workerId, leaseExpiresAt, progress.percent, progress.message],
          )
        : one(`UPDATE jobs SET lease_expires_at = $3 WHERE ${HELD} RETURNING *`, [
            id,
            workerId,
            leaseExpiresAt,
          ]);
    },

    async finish(id, workerId, outcome, now) {
      const changed = await sql.run(
        `UPDATE jobs SET status = $3, result = COALESCE($4::json, result),
           last_error = COALESCE($5, last_error), run_at = COALESCE($6, run_at),
           lease_owner = NULL, lease_expires_at = NULL, updated_at = $7
         WHERE ${HELD}`,
        [id, workerId, ...outcomeValues(outcome), iso(now)],
      );
      return changed === 1;
    },

    async requestCancel(id, now) {
      const row = await one(
        `UPDATE jobs SET cancel_requested = true, updated_at = $2,
           status = CASE status WHEN 'queued' THEN 'cancelled' ELSE status END
         WHERE id = $1 AND status IN ('queued', 'running')
         RETURNING *`,
        [id, iso(now)],
      );
      // A finished job (or an unknown id) is left as it is.
      return row ?? get(id);
    },

    releaseLeases(workerId, now) {
      return sql.run(
        `UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,
           attempts = GREATEST(attempts - 1, 0), updated_at = $2
         WHERE status = 'running' AND lease_owner = $1`,
        [workerId, iso(now)],
      );
    },

    async counts() {
      const rows = await sql.rows<{ status: 'queued' | 'running' | 'dead'; count: number }>(
        `SELECT status, COUNT(*) AS count FROM jobs
         WHERE status IN ('queued', 'running', 'dead') GROUP BY status`,
      );
      const counts = { queued: 0, running: 0, dead: 0 };
      for (const row of rows) counts[row.status] = row.count;
      return counts;
    },
  };
}
