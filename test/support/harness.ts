import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Clock,
  type Commerce,
  createCommerce,
  createContext,
  type OperationContext,
  type Principal,
  type SettingsOverrides,
  type Store,
} from '@commerce/core';
import { openSqliteStore } from '@commerce/store-sqlite';

export const admin: Principal = { id: 'key_admin', role: 'admin', customerId: null };
export const alice: Principal = { id: 'key_alice', role: 'customer', customerId: 'cus_alice' };
export const bob: Principal = { id: 'key_bob', role: 'customer', customerId: 'cus_bob' };

export const as = (principal: Principal, signal?: AbortSignal): OperationContext =>
  createContext({ principal, ...(signal ? { signal } : {}) });

/** A clock the test moves by hand. */
export function manualClock(
  start = Date.parse('2026-01-01T00:00:00Z'),
): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

export interface Harness extends AsyncDisposable {
  commerce: Commerce;
  dir: string;
  dbPath: string;
}

/** A core on a fresh SQLite file in a temp dir; disposed (closed and deleted) with `await using`. */
export async function openHarness(
  options: {
    settings?: SettingsOverrides;
    clock?: Clock;
    wrapStore?: (store: Store) => Store;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'commerce-test-'));
  const dbPath = join(dir, 'commerce.db');
  const store = await openSqliteStore({ path: dbPath });
  const commerce = createCommerce({
    store: options.wrapStore ? options.wrapStore(store) : store,
    ...(options.clock ? { clock: options.clock } : {}),
    settings: {
      ...options.settings,
      payments: { slowSeconds: 1, retryBaseMs: 10, retryMaxMs: 50, ...options.settings?.payments },
      jobs: { pollMs: 20, leaseMs: 2_000, ...options.settings?.jobs },
      events: { pollMs: 50, ...options.settings?.events },
    },
  });
  return {
    commerce,
    dir,
    dbPath,
    async [Symbol.asyncDispose]() {
      await commerce.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sampleItems = [
  { sku: 'sku-book', quantity: 2, unitPrice: 1250 },
  { sku: 'sku-pen', quantity: 1, unitPrice: 300 },
];

/** Resolves once `check` returns a value other than undefined, polling every 20 ms. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
