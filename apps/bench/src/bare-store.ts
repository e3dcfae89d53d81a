import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';

/** The bare baselines' two statements and the id of the order seeded. */
export interface BareStore {
  read: Statement<[string], { body: string }>;
  insert: Statement<[string, string]>;
  seedId: string;
}

/**
 * The bare REST baselines' store: one table of JSON bodies on a fresh SQLite file (WAL,
 * synchronous NORMAL, as the real store), one order seeded; the same primary-key read and
 * insert the REST API does, with nothing around them.
 */
export function openBareStore(): BareStore {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'bench-bare-')), 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const read = db.prepare<[string], { body: string }>('SELECT body FROM orders WHERE id = ?');
  const insert = db.prepare<[string, string]>('INSERT INTO orders (id, body) VALUES (?, ?)');
  const seedId = 'ord_seed';
  insert.run(seedId, JSON.stringify({ id: seedId, items: [{ sku: 'a', quantity: 1 }] }));
  return { read, insert, seedId };
}
