import { describeStoreContract, makeJob, makeOrder, T0 } from '@commerce/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import {
  adminQuery,
  dropRunSchemas,
  freshSchema,
  openTestStore,
  suiteTitle,
  url,
} from './test-support/schemas.js';

afterAll(async () => {
  if (url) await dropRunSchemas();
});

describe.skipIf(!url)(suiteTitle('postgres store'), () => {
  describeStoreContract('postgres', () => openTestStore());

  describe('openPostgresStore', () => {
    it('migrates once: reopening keeps the data and records every step', async () => {
      const schema = freshSchema();
      const order = makeOrder();
      const first = await openTestStore({ schema });
      await first.orders.insert(order);
      await first.close();

      const reopened = await openTestStore({ schema });
      expect(await reopened.orders.get(order.id)).toEqual(order);
      await reopened.close();
      const { rows } = await adminQuery(`SELECT version FROM ${schema}.schema_migrations`);
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    });

    it('refuses a schema written by a newer build, and a schema name it would have to quote', async () => {
      const schema = freshSchema();
      await (await openTestStore({ schema })).close();
      await adminQuery(`INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [
        MIGRATIONS.length + 1,
      ]);
      await expect(openTestStore({ schema })).rejects.toThrow(/newer than this build/);
      await expect(openTestStore({ schema: 'Bad-Name"; DROP' })).rejects.toThrow(/schema must/);
    });

    it('keeps bigint columns as exact numbers beyond 32 bits', async () => {
      const store = await openTestStore();
      try {
        const amount = 2 ** 40 + 7;
        const order = makeOrder({ items: [{ sku: 'sku_big', quantity: 1, unitPrice: amount }] });
        await store.orders.insert(order);
        expect((await store.orders.get(order.id))?.amount).toBe(amount);
        const runAt = T0 + 2 ** 33;
        expect((await store.jobs.enqueue(makeJob({ runAt }))).runAt).toBe(runAt);
      } finally {
        await store.close();
      }
    });

    it('ends a transaction that idles past idleInTransactionTimeoutMs, and goes on', async () => {
      const store = await openTestStore({ idleInTransactionTimeoutMs: 100 });
      try {
        const order = makeOrder();
        const stalled = store.transaction(async (tx) => {
          await tx.orders.insert(order);
          await new Promise((resolve) => setTimeout(resolve, 400));
          await tx.orders.get(order.id);
        });
        await expect(stalled).rejects.toThrow();
        expect(await store.orders.get(order.id)).toBeNull();
        await store.transaction((tx) => tx.orders.insert(order));
        expect(await store.orders.get(order.id)).toEqual(order);
      } finally {
        await store.close();
      }
    });

    it('fails to open, without leaking its pool, when the server is unreachable', async () => {
      const unreachable = 'postgres://postgres@127.0.0.1:1/test';
      await expect(
        openTestStore({ url: unreachable, connectionTimeoutMs: 1_000 }),
      ).rejects.toThrow();
    });
  });
});
