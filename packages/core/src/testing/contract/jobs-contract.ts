import { describe, expect, it } from 'vitest';
import type { Job, JobOutcome } from '../../domain/job.js';
import { isoAfter, makeJob, T0 } from '../fixtures.js';
import type { CurrentStore } from './support.js';

const LEASE_MS = 30_000;

/** Leases one due job for `workerId` at `now`. */
const lease = (store: CurrentStore, workerId: string, now = T0, types?: readonly string[]) =>
  store().jobs.lease({ workerId, now, leaseMs: LEASE_MS, ...(types ? { types } : {}) });

/** Enqueues a due job and leases it for `workerId`; throws if anything else is leased. */
async function enqueueAndLease(store: CurrentStore, workerId: string, now = T0): Promise<Job> {
  const queued = await store().jobs.enqueue(makeJob({ runAt: now }));
  const leased = await lease(store, workerId, now);
  if (leased?.id !== queued.id)
    throw new Error(`expected to lease ${queued.id}, got ${leased?.id}`);
  return leased;
}

/** Job queue: enqueue, leases and their expiry, heartbeats, fenced finish, cancel, counts. */
export function describeJobs(store: CurrentStore): void {
  describe('jobs', () => {
    it('enqueues a queued job with fresh bookkeeping', async () => {
      const newJob = makeJob();
      const job = await store().jobs.enqueue(newJob);
      expect(job).toEqual({
        ...newJob,
        status: 'queued',
        attempts: 0,
        leaseOwner: null,
        leaseExpiresAt: null,
        progress: 0,
        progressMessage: null,
        cancelRequested: false,
        lastError: null,
        result: null,
        updatedAt: newJob.createdAt,
      });
      expect(await store().jobs.get(job.id)).toEqual(job);
      expect(await store().jobs.get('job_missing')).toBeNull();
    });

    it('leases nothing when no job is due', async () => {
      expect(await lease(store, 'wrk_1')).toBeNull();
      await store().jobs.enqueue(makeJob({ runAt: T0 + 1_000 }));
      expect(await lease(store, 'wrk_1', T0 + 999)).toBeNull();
      expect(await lease(store, 'wrk_1', T0 + 1_000)).not.toBeNull();
    });

    it('leases the oldest due job first, marking it running for the worker', async () => {
      // Ids and insertion order both disagree with age, so only age can explain the order.
      const middle = makeJob({ id: 'job_order_3', runAt: T0 + 10, createdAt: isoAfter(10) });
      const newest = makeJob({ id: 'job_order_1', runAt: T0 + 20, createdAt: isoAfter(20) });
      const oldest = makeJob({ id: 'job_order_2', runAt: T0, createdAt: isoAfter(0) });
      for (const job of [middle, newest, oldest]) await store().jobs.enqueue(job);
      const now = T0 + 20;
      const first = await lease(store, 'wrk_1', now);
      expect(first).toMatchObject({
        id: oldest.id,
        status: 'running',
        leaseOwner: 'wrk_1',
        leaseExpiresAt: now + LEASE_MS,
        attempts: 1,
      });
      expect(await store().jobs.get(oldest.id)).toEqual(first);
      expect((await lease(store, 'wrk_2', now))?.id).toBe(middle.id);
      expect((await lease(store, 'wrk_3', now))?.id).toBe(newest.id);
      expect(await lease(store, 'wrk_4', now)).toBeNull();
    });

    it('leases only jobs of the requested types', async () => {
      const refund = await store().jobs.enqueue(makeJob({ type: 'refund' }));
      await store().jobs.enqueue(makeJob({ type: 'payment.process' }));
      expect(await lease(store, 'wrk_1', T0, ['webhook'])).toBeNull();
      expect((await lease(store, 'wrk_1', T0, ['refund', 'webhook']))?.id).toBe(refund.id);
      expect(await lease(store, 'wrk_1', T0, ['refund'])).toBeNull();
    });

    it('lets another worker lease a job whose lease expired, fencing out the first worker', async () => {
      const job = await enqueueAndLease(store, 'wrk_1');
      expect(await lease(store, 'wrk_2', T0 + LEASE_MS - 1)).toBeNull();
      const later = T0 + LEASE_MS + 1;
      expect(await lease(store, 'wrk_2', later)).toMatchObject({
        id: job.id,
        leaseOwner: 'wrk_2',
        leaseExpiresAt: later + LEASE_MS,
        attempts: 2,
      });
      expect(await store().jobs.heartbeat(job.id, 'wrk_1', later + LEASE_MS)).toBeNull();
      const late: JobOutcome = { status: 'succeeded', result: 'from wrk_1' };
      expect(await store().jobs.finish(job.id, 'wrk_1', late, later)).toBe(false);
      expect(await store().jobs.get(job.id)).toMatchObject({
        status: 'running',
        leaseOwner: 'wrk_2',
      });
    });

    it('heartbeat extends the lease and records progress while the worker holds it', async () => {
      const job = await enqueueAndLease(store, 'wrk_1');
      const extended = T0 + 5 * LEASE_MS;
      const beat = await store().jobs.heartbeat(job.id, 'wrk_1', extended, {
        percent: 40,
        message: 'authorizing',
      });
      expect(beat).toMatchObject({
        leaseExpiresAt: extended,
        progress: 40,
        progressMessage: 'authorizing',
      });
      expect(await store().jobs.get(job.id)).toEqual(beat);
      expect(await lease(store, 'wrk_2', T0 + 2 * LEASE_MS)).toBeNull();

      const quiet = await store().jobs.heartbeat(job.id, 'wrk_1', extended + 1);
      expect(quiet).toMatchObject({
        leaseExpiresAt: extended + 1,
        progress: 40,
        progressMessage: 'authorizing',
      });
      expect(await store().jobs.heartbeat(job.id, 'wrk_2', extended + 2)).toBeNull();
      expect(await store().jobs.heartbeat('job_missing', 'wrk_1', extended)).toBeNull();
    });

    it('finish as succeeded stores the result, ends the lease and is fenced afterwards', async () => {
      const job = await enqueueAndLease(store, 'wrk_1');
      const result = { paymentId: 'pay_1', outcome: ['ok'] };
      expect(
        await store().jobs.finish(job.id, 'wrk_1', { status: 'succeeded', result }, T0 + 5),
      ).toBe(true);
      expect(await store().jobs.get(job.id)).toMatchObject({
        status: 'succeeded',
        result,
        leaseOwner: null,
        attempts: 1,
      });
      expect(
        await store().jobs.finish(job.id, 'wrk_1', { status: 'dead', error: 'again' }, T0 + 6),
      ).toBe(false);
      expect((await store().jobs.get(job.id))?.status).toBe('succeeded');
      expect(await lease(store, 'wrk_2', T0 + 10 * LEASE_MS)).toBeNull();
    });

    it('finish as queued schedules a retry at runAt and records the error', async () => {
      const job = await enqueueAndLease(store, 'wrk_1');
      const runAt = T0 + 2_000;
      const outcome: JobOutcome = { status: 'queued', runAt, error: 'processor unavailable' };
      expect(await store().jobs.finish(job.id, 'wrk_1', outcome, T0 + 5)).toBe(true);
      expect(await store().jobs.get(job.id)).toMatchObject({
        status: 'queued',
        runAt,
        lastError: 'processor unavailable',
        leaseOwner: null,
        attempts: 1,
      });
      expect(await lease(store, 'wrk_2', runAt - 1)).toBeNull();
      expect(await lease(store, 'wrk_2', runAt)).toMatchObject({
        id: job.id,
        attempts: 2,
        leaseOwner: 'wrk_2',
      });
    });

    for (const status of ['failed', 'dead', 'cancelled'] as const) {
      it(`finish as ${status} ends the job with its error`, async () => {
        const job = await enqueueAndLease(store, 'wrk_1');
        expect(
          await store().jobs.finish(
            job.id,
            'wrk_1',
            { status, error: `${status} because` },
            T0 + 5,
          ),
        ).toBe(true);
        expect(await store().jobs.get(job.id)).toMatchObject({
          status,
          lastError: `${status} because`,
          leaseOwner: null,
        });
        expect(await lease(store, 'wrk_2', T0 + 10 * LEASE_MS)).toBeNull();
      });
    }

    it('finish by a worker that never held the lease changes nothing', async () => {
      const queued = await store().jobs.enqueue(makeJob({ runAt: T0 + 60_000 }));
      const outcome: JobOutcome = { status: 'succeeded', result: null };
      expect(await store().jobs.finish(queued.id, 'wrk_1', outcome, T0)).toBe(false);
      expect(await store().jobs.get(queued.id)).toEqual(queued);

      const leased = await enqueueAndLease(store, 'wrk_1');
      expect(await store().jobs.finish(leased.id, 'wrk_2', outcome, T0)).toBe(false);
      expect(await store().jobs.get(leased.id)).toEqual(leased);
      expect(await store().jobs.finish('job_missing', 'wrk_1', outcome, T0)).toBe(false);
    });

    it('requestCancel cancels a queued job at once', async () => {
      const queued = await store().jobs.enqueue(makeJob());
      expect(await store().jobs.requestCancel(queued.id, T0 + 1)).toMatchObject({
        id: queued.id,
        status: 'cancelled',
      });
      expect((await store().jobs.get(queued.id))?.status).toBe('cancelled');
      expect(await lease(store, 'wrk_1', T0 + 1)).toBeNull();
      expect(await store().jobs.requestCancel('job_missing', T0)).toBeNull();
    });

    it('requestCancel flags a running job, which its worker sees on the next heartbeat', async () => {
      const job = await enqueueAndLease(store, 'wrk_1');
      expect(await store().jobs.requestCancel(job.id, T0 + 1)).toMatchObject({
        status: 'running',
        cancelRequested: true,
        leaseOwner: 'wrk_1',
      });
      const beat = await store().jobs.heartbeat(job.id, 'wrk_1', T0 + LEASE_MS * 2);
      expect(beat?.cancelRequested).toBe(true);
      const outcome: JobOutcome = { status: 'cancelled', error: 'cancelled on request' };
      expect(await store().jobs.finish(job.id, 'wrk_1', outcome, T0 + 2)).toBe(true);
      expect((await store().jobs.get(job.id))?.status).toBe('cancelled');
    });

    it('requestCancel leaves a finished job finished', async () => {
      const job = await enqueueAndLease(store, 'wrk_1');
      await store().jobs.finish(job.id, 'wrk_1', { status: 'succeeded', result: 1 }, T0 + 1);
      expect((await store().jobs.requestCancel(job.id, T0 + 2))?.status).toBe('succeeded');
    });

    it('releaseLeases hands the worker’s jobs back without counting the attempt', async () => {
      const first = await enqueueAndLease(store, 'wrk_1');
      const second = await enqueueAndLease(store, 'wrk_1');
      const other = await enqueueAndLease(store, 'wrk_2');
      expect(await store().jobs.releaseLeases('wrk_1', T0 + 1)).toBe(2);
      for (const id of [first.id, second.id]) {
        expect(await store().jobs.get(id)).toMatchObject({
          status: 'queued',
          attempts: 0,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
      }
      expect(await store().jobs.get(other.id)).toEqual(other);
      expect(await lease(store, 'wrk_3', T0 + 1)).toMatchObject({
        attempts: 1,
        leaseOwner: 'wrk_3',
      });
      expect(await store().jobs.releaseLeases('wrk_1', T0 + 2)).toBe(0);
    });

    it('counts queued, running and dead jobs', async () => {
      expect(await store().jobs.counts()).toEqual({ queued: 0, running: 0, dead: 0 });
      const dead = await enqueueAndLease(store, 'wrk_1');
      await store().jobs.finish(dead.id, 'wrk_1', { status: 'dead', error: 'gave up' }, T0);
      const done = await enqueueAndLease(store, 'wrk_1');
      await store().jobs.finish(done.id, 'wrk_1', { status: 'succeeded', result: null }, T0);
      await enqueueAndLease(store, 'wrk_1');
      await store().jobs.enqueue(makeJob());
      await store().jobs.enqueue(makeJob({ runAt: T0 + 60_000 }));
      expect(await store().jobs.counts()).toEqual({ queued: 2, running: 1, dead: 1 });
    });
  });
}
