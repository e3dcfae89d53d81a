/**
 * A job worker in its own process, on the same SQLite file as the test: the test kills it with
 * SIGKILL mid-job to prove a crashed worker's job is finished, exactly once, by another.
 * Usage: payment-worker-process.ts <db path> <slow seconds> <lease ms>
 */
import { createCommerce } from '@commerce/core';
import { openSqliteStore } from '@commerce/store-sqlite';

const [dbPath, slowSeconds, leaseMs] = process.argv.slice(2);
if (!dbPath || !slowSeconds || !leaseMs)
  throw new Error('usage: <db path> <slow seconds> <lease ms>');

const store = await openSqliteStore({ path: dbPath });
const commerce = createCommerce({
  store,
  settings: {
    payments: { slowSeconds: Number(slowSeconds) },
    jobs: { leaseMs: Number(leaseMs), pollMs: 20 },
  },
});
commerce.createWorker({ workerId: 'wrk_doomed' }).start();
process.stdout.write('ready\n');
