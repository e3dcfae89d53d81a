import type { Store } from '@commerce/core';
import {
  makeIdempotencyRecord,
  makeJob,
  makeLock,
  makeOrder,
  makeOrderEvent,
  T0,
} from '@commerce/core/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import {
  adminQuery,
  dropRunSchemas,
  freshSchema,
  openTestStore,
  suiteTitle,
  url,
} from './test-support/schemas.js';

// Two stores on one schema are two instances of the service: separate pools, one database.
// These are the guarantees the SQLite suite cannot show, because they need several connections
// writing at once.

afterAll(async () => {
  if (url) await dropRunSchemas();
});

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)(suiteTitle('postgres store: several instances'), () => {
  let schema = '';
  let a: Store;
  let b: Store;

  beforeEach(async () => {
    schema = freshSchema();
    [a, b] = await Promise.all([openTestStore({ schema }), openTestStore({ schema })]);
  });

  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('migrates once when several instances start at the same moment', async () => {
    const fresh = freshSchema();
    const stores = await Promise.all(oneTo(5).map(() => openTestStore({ schema: fresh })));
    await Promise.all(stores.map((store) => store.close()));
    const { rows } = await adminQuery(`SELECT version FROM ${fresh}.schema_migrations`);
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    await adminQuery(`DROP SCHEMA ${fresh} CASCADE`);
  });

  it('gives appends from both instances sequences 1..n that commit in sequence order', async () => {
    const perInstance = 25;
    const total = 2 * perInstance;
    const order = makeOrder();
    let failed = false;
    // A follower (like a live event stream) reads as events commit. Had a higher sequence
    // committed before a lower one, it would have moved past the lower one for good.
    const follow = async (): Promise<number[]> => {
      const seen: number[] = [];
      while (seen.length < total && !failed) {
        const batch = await a.events.readAfter(seen.at(-1) ?? 0, {}, 100);
        seen.push(...batch.map((event) => event.sequence));
        if (batch.length === 0) await pause(1);
      }
      return seen;
    };
    const appendMany = async (store: Store, customerId: string): Promise<number[]> => {
      const sequences: number[] = [];
      for (let i = 0; i < perInstance; i++) {
        const sequence = await store.transaction(async (tx) => {
          const head = await tx.events.head();
          await pause(1);
          const event = await tx.events.append(makeOrderEvent(order, { customerId }));
          if (event.sequence !== head + 1) throw new Error(`gap: ${head} -> ${event.sequence}`);
          return event.sequence;
        });
        sequences.push(sequence);
      }
      return sequences;
    };
    const following = follow();
    const appended = Promise.all([appendMany(a, 'cus_a'), appendMany(b, 'cus_b')]);
    appended.catch(() => {
      failed = true;
    });
    const [fromA, fromB] = await appended;
    expect([...fromA, ...fromB].sort((x, y) => x - y)).toEqual(oneTo(total));
    expect(await following).toEqual(oneTo(total));
    // The instances really interleaved: A's sequences are not one contiguous run.
    expect((fromA.at(-1) ?? 0) - (fromA[0] ?? 0) + 1).toBeGreaterThan(fromA.length);
    expect(await b.events.head()).toBe(total);
  });

  it('serializes read-modify-write transactions across instances: no lost update', async () => {
    const order = makeOrder();
    await a.orders.insert(order);
    const bump = (store: Store) =>
      store.transaction(async (tx) => {
        const current = await tx.orders.get(order.id);
        if (!current) throw new Error('order vanished');
        await pause(1);
        return tx.orders.update({ ...current, version: current.version + 1 }, current.version);
      });
    const results = await Promise.all(oneTo(20).map((i) => bump(i % 2 === 0 ? a : b)));
    expect(results.every(Boolean)).toBe(true);
    expect((await b.orders.get(order.id))?.version).toBe(21);
  });

  it('never leases one job to two instances, and a live lease is not taken over', async () => {
    const leaseMs = 30_000;
    const jobs = [];
    for (let i = 0; i < 20; i++) jobs.push(await a.jobs.enqueue(makeJob({ runAt: T0 })));
    const drain = async (store: Store, workerId: string) => {
      const leased: string[] = [];
      for (;;) {
        const job = await store.jobs.lease({ workerId, now: T0, leaseMs });
        if (!job) return leased.map((id) => ({ id, workerId, store }));
        leased.push(job.id);
      }
    };
    const leases = (
      await Promise.all([
        drain(a, 'wrk_a1'),
        drain(a, 'wrk_a2'),
        drain(b, 'wrk_b1'),
        drain(b, 'wrk_b2'),
      ])
    ).flat();
    expect(leases.map((lease) => lease.id).sort()).toEqual(jobs.map((job) => job.id).sort());

    expect(await b.jobs.lease({ workerId: 'wrk_b3', now: T0 + leaseMs - 1, leaseMs })).toBeNull();
    const taken = await b.jobs.lease({ workerId: 'wrk_b3', now: T0 + leaseMs, leaseMs });
    const first = leases.find((lease) => lease.id === taken?.id);
    if (!taken || !first) throw new Error('the expired lease was not taken over');
    expect(taken.attempts).toBe(2);
    const late = { status: 'succeeded', result: null } as const;
    expect(await first.store.jobs.finish(taken.id, first.workerId, late, T0 + leaseMs)).toBe(false);
  });

  it('grants a lock, or an idempotency key, to exactly one of the racing instances', async () => {
    const racers = [a, b, a, b];
    for (let round = 0; round < 10; round++) {
      const resource = `order:ord_race_${round}`;
      const locks = await Promise.all(
        racers.map((store, i) =>
          store.locks.acquire(makeLock({ resource, ownerId: `key_${i}` }), T0),
        ),
      );
      expect(locks.filter((outcome) => outcome.acquired)).toHaveLength(1);

      const claim = makeIdempotencyRecord();
      const claims = await Promise.all(
        racers.map((store, i) => store.idempotency.acquire({ ...claim, requestHash: `h${i}` }, T0)),
      );
      const winner = claims.indexOf(null);
      expect(claims.filter((live) => live === null)).toHaveLength(1);
      for (const live of claims.filter((l) => l !== null)) {
        expect(live).toEqual({ ...claim, requestHash: `h${winner}` });
      }
    }
  });

  it('goes on when an instance dies inside a transaction: its writes vanish, the lock is freed', async () => {
    const order = makeOrder();
    await b.events.append(makeOrderEvent(order, { customerId: 'cus_before' }));
    const inside = gate();
    const held = a.transaction(async (tx) => {
      await tx.orders.insert(order);
      await tx.events.append(makeOrderEvent(order, { customerId: 'cus_killed' }));
      inside.open();
      await pause(300);
      return tx.events.head();
    });
    held.catch(() => undefined);
    await inside.opened;
    // The session holding the transaction is ended by the server, as when its instance dies.
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE relation = '${schema}.event_head'::regclass AND pid <> pg_backend_pid()`,
    );
    await expect(held).rejects.toThrow();
    expect(
      (await b.events.append(makeOrderEvent(order, { customerId: 'cus_after' }))).sequence,
    ).toBe(2);
    expect((await b.events.readAfter(0, {}, 10)).map((e) => e.customerId)).toEqual([
      'cus_before',
      'cus_after',
    ]);
    expect(await b.orders.get(order.id)).toBeNull();
    // The instance whose connection died keeps working on fresh connections.
    expect((await a.events.append(makeOrderEvent(order))).sequence).toBe(3);
  });
});
