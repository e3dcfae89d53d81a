import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@commerce/store-sqlite';
import Database from 'better-sqlite3';

/** The bare baselines' read and insert, on the real orders table. */
export interface BareStore {
  /** The order's JSON, or undefined when there is none. */
  readJson(id: string): string | undefined;
  /** Inserts the order a POST body describes (not validated) and returns its JSON. */
  insertJson(input: BareOrderInput): string;
  /** An order that exists. */
  seedId: string;
}

export interface BareOrderInput {
  customer_id: string;
  items: { sku: string; quantity: number; unit_price: number }[];
  currency: string;
}

const COLUMNS = 'id, customer_id, items, amount, currency, status, version, created_at, updated_at';
type OrderRow = [string, string, string, number, string, string, number, string, string];

/**
 * The bare REST baselines' store: the real server's schema (migrated by @commerce/store-sqlite,
 * so the same columns and indexes a write must maintain) on a fresh SQLite file, WAL and
 * synchronous NORMAL as the real store, one order seeded. The same primary-key read and order
 * insert the REST API does, each its own statement in autocommit, serialized with
 * JSON.stringify: what a minimal server does, with nothing around it (no idempotency record,
 * no event, no group commit). The gRPC and SOAP baselines read the real server's own file.
 */
export async function openBareStore(): Promise<BareStore> {
  const path = join(mkdtempSync(join(tmpdir(), 'bench-bare-')), 'bare.db');
  await (await openSqliteStore({ path })).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const read = db.prepare<[string], OrderRow>(`SELECT ${COLUMNS} FROM orders WHERE id = ?`).raw();
  const insert = db.prepare<OrderRow>(
    `INSERT INTO orders (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  /** The order's JSON, with its items as the caller has them (parsed once, or never). */
  const orderJson = (row: OrderRow, items: unknown) =>
    JSON.stringify({
      id: row[0],
      customer_id: row[1],
      items,
      amount: row[3],
      currency: row[4],
      status: row[5],
      version: row[6],
      created_at: row[7],
      updated_at: row[8],
    });

  const insertOrder = (input: BareOrderInput): OrderRow => {
    const now = new Date().toISOString();
    const amount = input.items.reduce((sum, item) => sum + item.quantity * item.unit_price, 0);
    const row: OrderRow = [
      `ord_${randomUUID()}`,
      input.customer_id,
      JSON.stringify(input.items),
      amount,
      input.currency,
      'pending',
      1,
      now,
      now,
    ];
    insert.run(...row);
    return row;
  };

  const [seedId] = insertOrder({
    customer_id: 'cus_bench',
    items: [{ sku: 'a', quantity: 1, unit_price: 100 }],
    currency: 'EUR',
  });
  return {
    readJson: (id) => {
      const row = read.get(id);
      return row && orderJson(row, JSON.parse(row[2]));
    },
    insertJson: (input) => orderJson(insertOrder(input), input.items),
    seedId,
  };
}
