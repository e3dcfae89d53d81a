import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Commerce, createCommerce, createContext } from '@commerce/core';
import { openSqliteStore } from '@commerce/store-sqlite';

/** The key the GraphQL benchmarks call with. */
export const BENCH_KEY = 'sk_bench_admin';

/** A core on a fresh SQLite file with one admin key and one order to read. */
export async function seededCommerce(): Promise<{ commerce: Commerce; id: string }> {
  const store = await openSqliteStore({
    path: join(mkdtempSync(join(tmpdir(), 'bench-graphql-')), 'commerce.db'),
  });
  const commerce = createCommerce({
    store,
    settings: { rateLimits: { admin: { capacity: 1e8, refillPerSecond: 1e8 } } },
  });
  await commerce.auth.seed([{ name: 'bench', secret: BENCH_KEY, role: 'admin', customerId: null }]);
  const ctx = createContext({ principal: { id: 'seed', role: 'admin', customerId: null } });
  const { value } = await commerce.orders.create(ctx, {
    customerId: 'cus_bench',
    items: [{ sku: 'a', quantity: 1, unitPrice: 100 }],
    currency: 'EUR',
  });
  return { commerce, id: value.id };
}

/** Prints the line `spawnServer` waits for. */
export function announce(url: string, id: string): void {
  process.stdout.write(`READY ${JSON.stringify({ url, id })}\n`);
}
